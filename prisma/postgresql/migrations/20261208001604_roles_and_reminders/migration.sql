-- AlterTable
ALTER TABLE "Incident" ADD COLUMN     "cadenceSnoozedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "IncidentRole" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "personName" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL,
    "assignedById" TEXT NOT NULL,
    "assignedByName" TEXT NOT NULL,

    CONSTRAINT "IncidentRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reminder" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "remindedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reminder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IncidentRole_incidentId_role_key" ON "IncidentRole"("incidentId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Reminder_incidentId_kind_dueAt_key" ON "Reminder"("incidentId", "kind", "dueAt");

-- AddForeignKey
ALTER TABLE "IncidentRole" ADD CONSTRAINT "IncidentRole_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reminder" ADD CONSTRAINT "Reminder_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
