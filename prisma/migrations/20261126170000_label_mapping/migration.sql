-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "labelMapping" JSONB;
