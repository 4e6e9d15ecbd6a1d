-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "trackerKey" TEXT,
ADD COLUMN     "trackerKind" TEXT,
ADD COLUMN     "trackerUrl" TEXT;

-- CreateIndex
CREATE INDEX "FollowUp_trackerKind_trackerKey_idx" ON "FollowUp"("trackerKind", "trackerKey");
