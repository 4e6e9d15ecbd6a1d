-- CreateTable
CREATE TABLE "Maintenance" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "scheduledFor" DATETIME NOT NULL,
    "scheduledUntil" DATETIME NOT NULL,
    "components" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "cancelledAt" DATETIME,
    "cancelledById" TEXT,
    "cancelledByName" TEXT
);

-- CreateIndex
CREATE INDEX "Maintenance_scheduledUntil_idx" ON "Maintenance"("scheduledUntil");
