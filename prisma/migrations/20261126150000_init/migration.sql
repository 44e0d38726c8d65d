-- CreateEnum
CREATE TYPE "EvaluationStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "PullRequestStatus" AS ENUM ('open', 'closed', 'merged', 'draft');

-- CreateTable
CREATE TABLE "Submission" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dataset" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "split" TEXT NOT NULL,
    "task" TEXT NOT NULL,
    "columnMapping" JSONB NOT NULL,
    "metrics" TEXT[],
    "username" TEXT,
    "email" TEXT,
    "createPr" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "Submission_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submissionId" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "modelSha" TEXT NOT NULL,
    "datasetSha" TEXT NOT NULL,
    "evaluationKey" TEXT NOT NULL,
    "runner" TEXT NOT NULL DEFAULT 'local',
    "status" "EvaluationStatus" NOT NULL DEFAULT 'queued',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "failureReason" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "manifest" JSONB,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Result" (
    "id" UUID NOT NULL,
    "evaluationId" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PullRequest" (
    "id" UUID NOT NULL,
    "evaluationId" UUID NOT NULL,
    "url" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "PullRequestStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PullRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PredictionSet" (
    "evaluationKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "count" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "PredictionSet_pkey" PRIMARY KEY ("evaluationKey")
);

-- CreateIndex
CREATE INDEX "Evaluation_evaluationKey_idx" ON "Evaluation"("evaluationKey");

-- CreateIndex
CREATE INDEX "Evaluation_submissionId_idx" ON "Evaluation"("submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "Result_evaluationId_metric_key" ON "Result"("evaluationId", "metric");

-- CreateIndex
CREATE UNIQUE INDEX "PullRequest_evaluationId_key" ON "PullRequest"("evaluationId");

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Result" ADD CONSTRAINT "Result_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PullRequest" ADD CONSTRAINT "PullRequest_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
