-- CreateTable
CREATE TABLE "Job" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "queue" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "result" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "claimedUntil" DATETIME
);

-- CreateIndex
CREATE INDEX "Job_state_queue_idx" ON "Job"("state", "queue");

-- CreateIndex
CREATE INDEX "Job_state_kind_idx" ON "Job"("state", "kind");
