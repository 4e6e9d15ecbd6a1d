-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_PublicDraft" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "componentChanges" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "authorName" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "decidedById" TEXT,
    "decidedByName" TEXT,
    "decidedAt" DATETIME,
    "rejectReason" TEXT,
    "kind" TEXT NOT NULL DEFAULT 'update',
    CONSTRAINT "PublicDraft_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_PublicDraft" ("authorId", "authorName", "body", "componentChanges", "createdAt", "decidedAt", "decidedById", "decidedByName", "id", "incidentId", "number", "rejectReason", "state", "status") SELECT "authorId", "authorName", "body", "componentChanges", "createdAt", "decidedAt", "decidedById", "decidedByName", "id", "incidentId", "number", "rejectReason", "state", "status" FROM "PublicDraft";
DROP TABLE "PublicDraft";
ALTER TABLE "new_PublicDraft" RENAME TO "PublicDraft";
CREATE INDEX "PublicDraft_incidentId_state_idx" ON "PublicDraft"("incidentId", "state");
CREATE UNIQUE INDEX "PublicDraft_incidentId_number_key" ON "PublicDraft"("incidentId", "number");
CREATE TABLE "new_Publication" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "incidentId" INTEGER NOT NULL,
    "draftId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "impact" TEXT NOT NULL,
    "affectedComponents" TEXT NOT NULL,
    "publishedAt" DATETIME NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'update',
    CONSTRAINT "Publication_incidentId_fkey" FOREIGN KEY ("incidentId") REFERENCES "Incident" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Publication_draftId_fkey" FOREIGN KEY ("draftId") REFERENCES "PublicDraft" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Publication" ("affectedComponents", "body", "draftId", "id", "impact", "incidentId", "publishedAt", "status") SELECT "affectedComponents", "body", "draftId", "id", "impact", "incidentId", "publishedAt", "status" FROM "Publication";
DROP TABLE "Publication";
ALTER TABLE "new_Publication" RENAME TO "Publication";
CREATE UNIQUE INDEX "Publication_draftId_key" ON "Publication"("draftId");
CREATE INDEX "Publication_incidentId_idx" ON "Publication"("incidentId");
CREATE INDEX "Publication_publishedAt_idx" ON "Publication"("publishedAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
