-- CreateTable
CREATE TABLE "IncidentRelation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "relatedId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    CONSTRAINT "IncidentRelation_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "IncidentRelation_relatedId_fkey" FOREIGN KEY ("relatedId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "ownerId" TEXT,
    "ownerName" TEXT,
    "due" TEXT,
    "public" BOOLEAN NOT NULL DEFAULT false,
    "state" TEXT NOT NULL DEFAULT 'open',
    "createdById" TEXT NOT NULL,
    "createdByName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "doneAt" DATETIME,
    "doneById" TEXT,
    "doneByName" TEXT,
    CONSTRAINT "FollowUp_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReportSection" (
    "draftId" INTEGER NOT NULL,
    "lang" TEXT NOT NULL,
    "section" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    PRIMARY KEY ("draftId", "lang", "section"),
    CONSTRAINT "ReportSection_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "PublicDraft" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TimelineEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "recordedAt" DATETIME NOT NULL,
    "key" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "TimelineEntry_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_TimelineEntry" ("actorId", "actorName", "id", "incidentId", "kind", "occurredAt", "platform", "recordedAt", "seq", "text") SELECT "actorId", "actorName", "id", "incidentId", "kind", "occurredAt", "platform", "recordedAt", "seq", "text" FROM "TimelineEntry";
DROP TABLE "TimelineEntry";
ALTER TABLE "new_TimelineEntry" RENAME TO "TimelineEntry";
CREATE INDEX "TimelineEntry_actorId_id_idx" ON "TimelineEntry"("actorId", "id");
CREATE UNIQUE INDEX "TimelineEntry_incidentId_seq_key" ON "TimelineEntry"("incidentId", "seq");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "IncidentRelation_relatedId_idx" ON "IncidentRelation"("relatedId");

-- CreateIndex
CREATE UNIQUE INDEX "IncidentRelation_incidentId_relatedId_key" ON "IncidentRelation"("incidentId", "relatedId");

-- CreateIndex
CREATE INDEX "FollowUp_incidentId_idx" ON "FollowUp"("incidentId");

-- CreateIndex
CREATE INDEX "FollowUp_state_ownerId_idx" ON "FollowUp"("state", "ownerId");
