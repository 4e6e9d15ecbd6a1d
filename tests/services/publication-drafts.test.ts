import { beforeAll, describe, expect, test } from 'vitest';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { createPublicationDrafts } from '../../src/services/draft/get-deliveries.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

describe.each(databaseKinds)('the draft of a publication, on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const publications: { id: number; draftId: number; incidentId: number }[] = [];

  beforeAll(async () => {
    h = await harness(database.db);
    for (const title of ['Checkout failing', 'Search slow']) {
      const incident = await declareIncident(h.as('alice'), { title, severity: 2 });
      await draftPublicUpdate(h.as('alice'), { incident: incident.id, status: 'investigating', text: `${title}: we are looking into it.` });
      await approveDraft(h.as('alice'), { incident: incident.id });
    }
    publications.push(...(await database.db.prisma.publication.findMany({ orderBy: { id: 'asc' }, select: { id: true, draftId: true, incidentId: true } })));
  });

  test('is read once per publication, however many of its deliveries settle', async () => {
    const draftOf = createPublicationDrafts(database.db);
    const [first, second] = publications;
    expect(await draftOf(first!.id)).toEqual({ incidentId: first!.incidentId, draftId: first!.draftId });
    expect(draftOf(first!.id)).toBe(draftOf(first!.id));
    expect(await draftOf(second!.id)).toEqual({ incidentId: second!.incidentId, draftId: second!.draftId });
  });

  test('remembers only the newest publications, and not a failed read', async () => {
    const draftOf = createPublicationDrafts(database.db, 1);
    const [first, second] = publications;
    const remembered = draftOf(first!.id);
    await draftOf(second!.id);
    expect(draftOf(first!.id)).not.toBe(remembered);
    const missing = draftOf(999_999);
    await expect(missing).rejects.toThrow();
    expect(draftOf(999_999)).not.toBe(missing);
    await expect(draftOf(999_999)).rejects.toThrow();
  });
});
