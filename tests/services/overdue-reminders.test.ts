import { beforeAll, describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import type { Ctx } from '../../src/services/context.ts';
import { recordOverdueReminders, reminderDay } from '../../src/services/followup/overdue-reminders.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import type { RoomJobPayload } from '../../src/services/room-work.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

// Wednesday 2021-09-15 10:50 in Sao Paulo (UTC-3), the page's zone and alice's.
const start = new Date('2021-09-15T13:50:00Z');

test('the day whose reminders are due: the zone’s today from remindAt on, none before', () => {
  // 08:59 and 09:00 in Sao Paulo; 00:30 on the 16th in Sao Paulo is still the 15th in Los Angeles.
  expect(reminderDay(new Date('2021-09-16T11:59:00Z'), '09:00', 'America/Sao_Paulo')).toBeNull();
  expect(reminderDay(new Date('2021-09-16T12:00:00Z'), '09:00', 'America/Sao_Paulo')).toBe('2021-09-16');
  expect(reminderDay(new Date('2021-09-16T03:30:00Z'), '00:00', 'America/Sao_Paulo')).toBe('2021-09-16');
  expect(reminderDay(new Date('2021-09-16T03:30:00Z'), '00:00', 'America/Los_Angeles')).toBe('2021-09-15');
});

describe.each(databaseKinds)('reminders of overdue follow-ups on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const people = { bob: { id: 'U0BOB', name: 'Bob' } } as const;
  const say = (ctx: Ctx, line: string) =>
    handleCommand(
      { ctx, resolveUser: async (token) => people[token as keyof typeof people] ?? { id: token, name: token }, log: () => {} },
      `/incident ${line}`,
    );
  const alice = () => h.as('alice', { timeZone: 'America/Sao_Paulo' });
  const remind = (overrides: { remindAt?: string | null; timeZone?: string } = {}) =>
    recordOverdueReminders({
      db: database.db,
      clock: h.clock,
      config: { ...h.config, followUps: { remindAt: '09:00', ...overrides } },
      roomPlatforms: ['slack', 'teams'],
    });
  const reminderJobs = async () =>
    (await database.db.prisma.job.findMany({ orderBy: { id: 'asc' } }))
      .map((job) => ({ kind: job.kind, payload: JSON.parse(job.payload) as RoomJobPayload }))
      .filter(({ payload }) => payload.type === 'followups_overdue');

  beforeAll(async () => {
    h = await harness(database.db, {}, start);
    await declareIncident(h.as('alice'), { title: 'Checkout is slow' });
    await declareIncident(h.as('alice'), { title: 'Login failed' });
    await say(alice(), 'followup add INC-1 Alert on queue depth --owner bob --due today');
    await say(alice(), 'followup add INC-1 Write the runbook --due tomorrow');
    await say(alice(), 'followup add INC-2 Rotate the session keys --owner bob --due today');
    await say(alice(), 'followup add INC-2 Already done --due today');
    await say(alice(), 'followup done F4');
    await say(alice(), 'followup add INC-2 No due day');
  });

  test('nothing on the due day itself, nor the next day before remindAt', async () => {
    expect(await remind()).toEqual([]);
    h.clock.set(new Date('2021-09-16T11:59:00Z'));
    expect(await remind()).toEqual([]);
    expect(await reminderJobs()).toEqual([]);
  });

  test('from remindAt on the next day: one notice per incident and platform, naming each open overdue follow-up and its owner', async () => {
    h.clock.set(new Date('2021-09-16T12:00:00Z'));
    expect(await remind()).toEqual([1, 2]);
    const jobs = await reminderJobs();
    expect(jobs.map((job) => job.kind)).toEqual(['room.slack', 'room.slack', 'room.teams', 'room.teams']);
    expect(jobs.slice(0, 2).map((job) => job.payload)).toEqual([
      {
        type: 'followups_overdue',
        incidentId: 1,
        day: '2021-09-16',
        followUps: [{ id: 1, text: 'Alert on queue depth', ownerId: 'console:U0BOB', ownerName: 'Bob', due: '2021-09-15' }],
      },
      {
        type: 'followups_overdue',
        incidentId: 2,
        day: '2021-09-16',
        followUps: [{ id: 3, text: 'Rotate the session keys', ownerId: 'console:U0BOB', ownerName: 'Bob', due: '2021-09-15' }],
      },
    ]);
    expect((await database.db.prisma.followUp.findMany({ orderBy: { id: 'asc' } })).map((row) => row.remindedOn)).toEqual([
      '2021-09-16',
      null,
      '2021-09-16',
      null,
      null,
    ]);
  });

  test('once a day: again the same day nothing, however many look at once; the next day again, with those overdue since', async () => {
    h.clock.set(new Date('2021-09-16T20:00:00Z'));
    expect(await Promise.all([remind(), remind(), remind()])).toEqual([[], [], []]);
    h.clock.set(new Date('2021-09-17T12:00:00Z'));
    await say(alice(), 'followup done F3');
    const reminded = await Promise.all([remind(), remind(), remind()]);
    expect(reminded.flat()).toEqual([1]);
    const latest = (await reminderJobs()).filter((job) => job.payload.type === 'followups_overdue' && job.payload.day === '2021-09-17');
    expect(latest.map((job) => job.payload)).toEqual([
      expect.objectContaining({ incidentId: 1, followUps: [expect.objectContaining({ id: 1 }), expect.objectContaining({ id: 2, ownerId: null })] }),
      expect.objectContaining({ incidentId: 1 }),
    ]);
  });

  test('none while the clock is not trusted, when reminders are off, or with no room to say them in', async () => {
    h.clock.set(new Date('2021-09-18T12:00:00Z'));
    const before = await reminderJobs();
    expect(await remind({ remindAt: null })).toEqual([]);
    expect(
      await recordOverdueReminders({ db: database.db, clock: h.clock, config: { ...h.config, followUps: { remindAt: '09:00' } }, roomPlatforms: [] }),
    ).toEqual([]);
    const untrusted = { now: () => h.clock.now(), trust: () => ({ trusted: false as const, reason: 'a year ahead' }) };
    expect(
      await recordOverdueReminders({
        db: database.db,
        clock: untrusted,
        config: { ...h.config, followUps: { remindAt: '09:00' } },
        roomPlatforms: ['slack'],
      }),
    ).toEqual([]);
    expect(await reminderJobs()).toEqual(before);
    // remindAt is read in its own zone: 09:00 in Tokyo is long past at 12:00 UTC.
    expect(await remind({ remindAt: '09:00', timeZone: 'Asia/Tokyo' })).toEqual([1]);
  });
});
