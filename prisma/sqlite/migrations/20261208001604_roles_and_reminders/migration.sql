-- AlterTable
ALTER TABLE "Incident" ADD COLUMN "cadenceSnoozedUntil" DATETIME;

-- CreateTable
CREATE TABLE "IncidentRole" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "assignedAt" DATETIME NOT NULL,
    "assignedById" TEXT NOT NULL,
    "assignedByName" TEXT NOT NULL,
    CONSTRAINT "IncidentRole_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "remindedAt" DATETIME NOT NULL,
    CONSTRAINT "Reminder_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "IncidentRole_incidentId_role_key" ON "IncidentRole"("incidentId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_incidentId_kind_dueAt_key" ON "Reminder"("incidentId", "kind", "dueAt");
