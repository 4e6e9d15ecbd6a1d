-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "remindedOn" TEXT;

-- CreateIndex
CREATE INDEX "FollowUp_state_due_idx" ON "FollowUp"("state", "due");
