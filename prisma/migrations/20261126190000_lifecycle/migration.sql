-- AlterEnum
ALTER TYPE "EvaluationStatus" ADD VALUE 'cancelled';

-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "notifiedAt" TIMESTAMP(3),
ADD COLUMN     "notification" JSONB;

-- AlterTable
ALTER TABLE "Result" ADD COLUMN     "verifyToken" TEXT;

-- CreateTable
CREATE TABLE "InferenceLease" (
    "evaluationKey" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InferenceLease_pkey" PRIMARY KEY ("evaluationKey")
);

-- CreateTable
CREATE TABLE "SelfReportedResult" (
    "id" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "modelSha" TEXT NOT NULL,
    "dataset" TEXT NOT NULL,
    "config" TEXT NOT NULL DEFAULT '',
    "split" TEXT NOT NULL DEFAULT '',
    "task" TEXT NOT NULL,
    "metric" TEXT NOT NULL,
    "metricName" TEXT,
    "value" DOUBLE PRECISION NOT NULL,
    "source" JSONB,
    "importedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SelfReportedResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SelfReportedResult_model_dataset_config_split_task_metric_key" ON "SelfReportedResult"("model", "dataset", "config", "split", "task", "metric");

-- CreateIndex
CREATE INDEX "SelfReportedResult_dataset_idx" ON "SelfReportedResult"("dataset");
