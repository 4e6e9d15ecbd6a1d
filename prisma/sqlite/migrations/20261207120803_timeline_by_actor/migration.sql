-- CreateIndex
CREATE INDEX "TimelineEntry_actorId_id_idx" ON "TimelineEntry"("actorId", "id");
