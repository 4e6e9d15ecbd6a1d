-- AlterTable
ALTER TABLE "Job" ADD COLUMN     "coalesceKey" TEXT;
