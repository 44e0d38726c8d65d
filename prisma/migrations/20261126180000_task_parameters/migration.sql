-- AlterTable
ALTER TABLE "Submission" ADD COLUMN     "taskParameters" JSONB;
