-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN "trackerKey" TEXT;
ALTER TABLE "FollowUp" ADD COLUMN "trackerKind" TEXT;
ALTER TABLE "FollowUp" ADD COLUMN "trackerUrl" TEXT;

-- CreateIndex
CREATE INDEX "FollowUp_trackerKind_trackerKey_idx" ON "FollowUp"("trackerKind", "trackerKey");
