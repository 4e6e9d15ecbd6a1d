-- AlterTable
ALTER TABLE "TimelineEntry" ADD COLUMN     "key" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "IncidentRelation" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "relatedId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "IncidentRelation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" SERIAL NOT NULL,
    "incidentId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT,
    "ownerName" TEXT,
    "due" TEXT,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneById" TEXT,
    "doneByName" TEXT,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportSection" (
    "draftId" INTEGER NOT NULL,
    "lang" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "ReportSection_pkey" PRIMARY KEY ("draftId","lang","section")
);

-- CreateIndex
CREATE INDEX "IncidentRelation_relatedId_idx" ON "IncidentRelation"("relatedId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentRelation_incidentId_relatedId_key" ON "IncidentRelation"("incidentId", "relatedId");

-- CreateIndex
CREATE INDEX "FollowUp_incidentId_idx" ON "FollowUp"("incidentId");

-- CreateIndex
CREATE INDEX "FollowUp_state_ownerId_idx" ON "FollowUp"("state", "ownerId");

-- AddForeignKey
ALTER TABLE "IncidentRelation" ADD CONSTRAINT "IncidentRelation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IncidentRelation" ADD CONSTRAINT "IncidentRelation_relatedId_fkey" FOREIGN KEY ("relatedId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSection" ADD CONSTRAINT "ReportSection_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "PublicDraft"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
