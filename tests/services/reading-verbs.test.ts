import { beforeAll, describe, expect, test } from 'vitest';
import { addNote } from '../../src/services/incident/add-note.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { setReportSection } from '../../src/services/report/report-drafts.ts';
import { getDeliveries } from '../../src/services/draft/get-deliveries.ts';
import { getBriefing, getTimeline } from '../../src/services/queries.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

// The verbs that look back act, without an id, on the room's incident, else on the latest incident
// the person worked on, resolved or not: the README's first incident ends with `timeline` after
// the resolution was approved.
describe.each(databaseKinds)('summary, timeline, deliveries and report without an id, on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;

  beforeAll(async () => {
    h = await harness(database.db);
    await declareIncident(h.as('alice'), { title: 'Smart Contacts not exchanging messages', severity: 2 });
    await declareIncident(h.as('bob'), { title: 'Ticket distribution stopped', severity: 3 });
    await addNote(h.as('alice'), { incident: 1, text: 'isolated the server whose clock jumped to 2022' });
    await resolveIncident(h.as('alice'), { incident: 1, text: 'The Blip Portal and Blip Desk are working again.' });
    await approveDraft(h.as('alice'), { incident: 1 });
  });

  test('after a resolution, the incident just closed is the one each person last worked on', async () => {
    expect((await getTimeline(h.as('alice'), {})).incident.id).toBe(1);
    expect((await getBriefing(h.as('alice'), {})).incident.status).toBe('resolved');
    expect((await getDeliveries(h.as('alice'), {})).publications.map((p) => p.status)).toEqual(['resolved']);
    expect((await getTimeline(h.as('bob'), {})).incident.id).toBe(2);
  });

  test('the report is drafted for the incident the person just resolved, though another is open', async () => {
    const { incident, draft } = await setReportSection(h.as('alice'), { section: 'happened', text: 'What happened: a server clock jumped to 2022.' });
    expect([incident.id, draft.number]).toEqual([1, 2]);
    expect((await database.db.prisma.publicDraft.findUniqueOrThrow({ where: { id: draft.id } })).kind).toBe('report');
    await approveDraft(h.as('alice'), { incident: 1 });
  });

  test('the crisis room wins over the person’s own latest work, and a named incident over both', async () => {
    expect((await getTimeline(h.as('alice', { roomIncidentId: 2 }), {})).incident.id).toBe(2);
    expect((await getTimeline(h.as('bob', { roomIncidentId: 2 }), { incident: 1 })).incident.id).toBe(1);
  });

  test('someone who worked on none gets the only open incident, as with every verb', async () => {
    expect((await getTimeline(h.as('carol'), {})).incident.id).toBe(2);
  });

  test('a verb that changes an open incident still refuses to guess a resolved one', async () => {
    await resolveIncident(h.as('bob'), { incident: 2, text: 'Tickets flow again.' });
    await approveDraft(h.as('bob'), { incident: 2 });
    await expect(addNote(h.as('alice'), { text: 'one more thing' })).rejects.toThrow(/There is no open incident/);
    expect(await getTimeline(h.as('carol'), {}).catch((error: Error) => error.message)).toMatch(/There is no open incident/);
  });
});
