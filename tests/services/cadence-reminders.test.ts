import { beforeAll, describe, expect, test } from 'vitest';
import { FileConfig } from '../../src/config.ts';
import { type CadenceReminder, recordCadenceReminders } from '../../src/services/cadence/cadence-reminders.ts';
import { snoozeCadence } from '../../src/services/cadence/snooze.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { assignRole } from '../../src/services/incident/assign-role.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { addNote } from '../../src/services/incident/add-note.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const at = (time: string) => new Date(`2021-09-15T${time}:00Z`);
// SEV1 every 30 min, reminded 10 min before; quiet for 60 min pointed out.
const cadence = FileConfig.parse({}).cadence;

describe.each(databaseKinds)('update cadence reminders on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const look = (time: string) => {
    h.clock.set(at(time));
    return recordCadenceReminders({ db: database.db, clock: h.clock, config: { cadence }, roomPlatforms: ['slack', 'teams'] });
  };
  const said = async () =>
    (await database.db.prisma.job.findMany({ where: { kind: 'room.slack' }, orderBy: { id: 'asc' } }))
      .map((job) => JSON.parse(job.payload) as { type: string })
      .filter((event): event is CadenceReminder => event.type === 'cadence_reminder')
      .map((event) => `${event.kind} INC-${event.incidentId} ${event.kind === 'idle' ? event.quietSince : event.dueAt}`);

  beforeAll(async () => {
    h = await harness(database.db, {}, at('10:00'));
    await declareIncident(h.as('alice'), { title: 'Checkout is down', severity: 1 }); // INC-1: due 10:30
    await declareIncident(h.as('alice'), { title: 'Reports are slow', severity: 4 }); // INC-2: no cadence
  });

  test('due soon ten minutes before, once; overdue at the due time, naming the commander and the communications lead', async () => {
    expect(await look('10:19')).toEqual([]);
    await assignRole(h.as('alice'), { incident: 1, role: 'communications', user: { id: 'bob', name: 'Bob' } });
    expect(await look('10:20')).toEqual([1]);
    expect(await look('10:25')).toEqual([]);
    expect(await look('10:30')).toEqual([1]);
    expect(await said()).toEqual(['cadence_soon INC-1 2021-09-15T10:30:00.000Z', 'cadence_overdue INC-1 2021-09-15T10:30:00.000Z']);
    const [job] = await database.db.prisma.job.findMany({ where: { kind: 'room.teams' }, orderBy: { id: 'desc' }, take: 1 });
    expect(JSON.parse(job!.payload)).toMatchObject({
      type: 'cadence_reminder',
      kind: 'cadence_overdue',
      severity: 1,
      periodMinutes: 30,
      commander: { id: 'console:alice', name: 'alice' },
      communications: { id: 'console:bob', name: 'Bob' },
      pendingDrafts: [],
    });
  });

  test('many looking at once say it once; again each period it stays overdue, naming the draft waiting', async () => {
    await draftPublicUpdate(h.as('bob'), { incident: 1, status: 'investigating', text: 'Checkout fails for some customers.' });
    h.clock.set(at('11:00'));
    const looked = await Promise.all(
      [1, 2, 3, 4].map(() => recordCadenceReminders({ db: database.db, clock: h.clock, config: { cadence }, roomPlatforms: ['slack'] })),
    );
    // INC-1 overdue again; INC-2, quiet since its declaration an hour ago, pointed out.
    expect(looked.flat().sort()).toEqual([1, 2]);
    expect((await said()).slice(-2)).toEqual(['cadence_overdue INC-1 2021-09-15T10:30:00.000Z', 'idle INC-2 2021-09-15T10:00:00.000Z']);
    expect(await database.db.prisma.reminder.count({ where: { kind: 'cadence_overdue' } })).toBe(2);
    const jobs = await database.db.prisma.job.findMany({ where: { kind: 'room.slack' }, orderBy: { id: 'desc' } });
    const overdue = jobs.map((job) => JSON.parse(job.payload) as CadenceReminder).find((event) => event.kind === 'cadence_overdue');
    expect(overdue).toMatchObject({ incidentId: 1, pendingDrafts: [1] });
  });

  test('an update published starts the period again; snoozed, nothing until the snooze ends, then once', async () => {
    h.clock.set(at('11:05'));
    await approveDraft(h.as('alice'), { incident: 1, draft: 1 }); // next due 11:35
    expect(await look('11:24')).toEqual([]);
    expect(await look('11:25')).toEqual([1]);
    h.clock.set(at('11:26'));
    await snoozeCadence(h.as('bob'), { incident: 1, minutes: 30 }); // until 11:56
    expect(await look('11:35')).toEqual([]);
    expect(await look('11:55')).toEqual([]);
    expect(await look('11:56')).toEqual([1]);
    expect(await look('11:58')).toEqual([]);
    expect((await said()).slice(-2)).toEqual(['cadence_soon INC-1 2021-09-15T11:35:00.000Z', 'cadence_overdue INC-1 2021-09-15T11:35:00.000Z']);
    expect(await database.db.prisma.reminder.findFirst({ where: { kind: 'cadence_overdue' }, orderBy: { id: 'desc' } })).toMatchObject({ dueAt: at('11:56') });
  });

  test('an incident quiet for an hour is pointed out to its commander; one without a cadence too', async () => {
    h.clock.set(at('12:10'));
    await addNote(h.as('alice'), { incident: 1, text: 'Rolled back the payment gateway.' });
    // 13:05 is another period of SEV1 overdue for INC-1; 13:00 another hour quiet for INC-2.
    expect(await look('13:09')).toEqual([1, 2]);
    expect(await look('13:10')).toEqual([1]);
    const overdue = await database.db.prisma.reminder.findMany({ where: { incidentId: 1, kind: 'cadence_overdue' }, orderBy: { id: 'asc' } });
    expect(overdue.map((row) => row.dueAt.toISOString().slice(11, 16))).toEqual(['10:30', '11:00', '11:56', '13:05']);
    expect((await said()).filter((line) => line.startsWith('idle'))).toEqual([
      'idle INC-2 2021-09-15T10:00:00.000Z',
      'idle INC-2 2021-09-15T10:00:00.000Z',
      'idle INC-1 2021-09-15T12:10:00.000Z',
    ]);
  });

  test('a resolved incident is reminded of nothing; an untrusted clock looks at nothing', async () => {
    await resolveIncident(h.as('alice'), { incident: 1 });
    await resolveIncident(h.as('alice'), { incident: 2 });
    const before = await said();
    expect(await look('15:00')).toEqual([]);
    const untrusted = { now: () => at('16:00'), trust: () => ({ trusted: false as const, reason: 'a year ahead' }) };
    await declareIncident(h.as('alice'), { title: 'Login fails', severity: 1 });
    expect(await recordCadenceReminders({ db: database.db, clock: untrusted, config: { cadence }, roomPlatforms: ['slack'] })).toEqual([]);
    expect(await said()).toEqual(before);
  });
});
