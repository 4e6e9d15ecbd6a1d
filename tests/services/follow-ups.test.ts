import { beforeAll, describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import type { Ctx } from '../../src/services/context.ts';
import { publicFollowUps } from '../../src/services/followup/public-follow-ups.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, dumpAll, harness } from '../support/services.ts';

// Wednesday 2021-09-15 10:50 in Sao Paulo (UTC-3), the page's zone and alice's.
const start = new Date('2021-09-15T13:50:00Z');

describe.each(databaseKinds)('follow-up actions on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const people = { bob: { id: 'U0BOB', name: 'Bob' }, carol: { id: 'U0CAROL', name: 'Carol' } } as const;
  const say = (ctx: Ctx, line: string) =>
    handleCommand(
      { ctx, resolveUser: async (token) => people[token as keyof typeof people] ?? { id: token, name: token }, log: () => {} },
      `/incident ${line}`,
    );
  const alice = () => h.as('alice', { timeZone: 'America/Sao_Paulo' });

  beforeAll(async () => {
    h = await harness(database.db, {}, start);
    await declareIncident(h.as('alice'), { title: 'Checkout is slow' });
    await declareIncident(h.as('bob', { id: 'U0BOB', name: 'Bob' }), { title: 'Login failed' });
    await resolveIncident(h.as('bob', { id: 'U0BOB', name: 'Bob' }), { incident: 2 });
  });

  test('add: numbered across incidents, on the incident’s timeline and in the audit log, the due day read in the person’s zone', async () => {
    expect(await say(alice(), 'followup add INC-1 Alert on queue depth --owner @bob --due friday --public')).toBe(
      'Follow-up F1 added to INC-1: Alert on queue depth · owner Bob · due 2021-09-17 · public.',
    );
    // Without an id, Bob's latest incident: the one he resolved.
    expect(await say(h.as('bob', { id: 'U0BOB', name: 'Bob' }), 'followup add Rotate the session keys --owner carol --due in 2 weeks')).toBe(
      'Follow-up F2 added to INC-2: Rotate the session keys · owner Carol · due 2021-09-29.',
    );
    const [first] = await database.db.prisma.followUp.findMany({ orderBy: { id: 'asc' } });
    expect(first).toMatchObject({
      incidentId: 1,
      text: 'Alert on queue depth',
      ownerId: 'console:U0BOB',
      ownerName: 'Bob',
      due: '2021-09-17',
      public: true,
      state: 'open',
      createdById: 'console:alice',
      createdByName: 'alice',
      doneAt: null,
    });
    expect(first!.createdAt.toISOString()).toBe(start.toISOString());
    const entry = await database.db.prisma.timelineEntry.findFirstOrThrow({ where: { incidentId: 1, kind: 'followup_added' } });
    expect(entry.text).toBe('Follow-up F1 Alert on queue depth (owner Bob, due 2021-09-17, public)');
    const audit = await database.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'followup_added', incidentId: 1 } });
    expect(JSON.parse(audit.detail)).toMatchObject({ followUp: 'F1', owner: 'console:U0BOB', due: '2021-09-17', public: true });
    expect(h.events).toContainEqual({ type: 'incident_changed', incidentId: 2 });
  });

  test('a past due day, an unreadable one and refused text change nothing', async () => {
    const before = await dumpAll(database.db);
    expect(await say(alice(), 'followup add INC-1 Fix it --due 2021-09-14')).toBe(
      '2021-09-14 is past: today is 2021-09-15 in America/Sao_Paulo. A follow-up is due today or later.\n' +
        'Usage: /incident followup add [INC-n] <text> [--owner <user>] [--due <day>] [--public] | done F<k> | reopen F<k> | list [INC-n] [--open] [--mine]',
    );
    expect(await say(alice(), 'followup add INC-1 Fix it --due someday')).toMatch(/^Could not read "someday" as a due day/);
    expect(await say(alice(), 'followup add INC-1 Fix \u202Eti')).toMatch(/^The follow-up has U\+202E RIGHT-TO-LEFT OVERRIDE at character 5: /);
    expect(await say(alice(), 'followup add INC-9 Fix it')).toBe('INC-9 does not exist.');
    expect(await dumpAll(database.db)).toBe(before);
  });

  test('done records who and when; done again says by whom and when, and changes nothing', async () => {
    h.clock.advance(60 * 60_000);
    expect(await say(h.as('carol', { id: 'U0CAROL', name: 'Carol' }), 'followup done F2')).toBe('Follow-up F2 of INC-2 is done: Rotate the session keys');
    const done = await database.db.prisma.followUp.findUniqueOrThrow({ where: { id: 2 } });
    expect(done).toMatchObject({ state: 'done', doneById: 'console:U0CAROL', doneByName: 'Carol' });
    expect(done.doneAt!.toISOString()).toBe('2021-09-15T14:50:00.000Z');
    expect(await database.db.prisma.timelineEntry.count({ where: { incidentId: 2, kind: 'followup_done' } })).toBe(1);
    expect(await database.db.prisma.auditLog.count({ where: { action: 'followup_done', incidentId: 2 } })).toBe(1);

    const before = await dumpAll(database.db);
    expect(await say(alice(), 'followup done F2')).toBe('F2 was already done, by Carol at 2021-09-15 11:50 GMT-03:00.');
    expect(await say(alice(), 'followup done F99')).toBe('F99 does not exist (see /incident followup list).');
    expect(await dumpAll(database.db)).toBe(before);
  });

  test('reopen makes it open again, once', async () => {
    expect(await say(alice(), 'followup reopen F2')).toBe('Follow-up F2 of INC-2 is open again: Rotate the session keys');
    expect(await database.db.prisma.followUp.findUniqueOrThrow({ where: { id: 2 } })).toMatchObject({ state: 'open', doneAt: null, doneByName: null });
    expect(await say(alice(), 'followup reopen F2')).toBe('F2 is open already.');
    await say(alice(), 'followup done F2');
  });

  test('list: across incidents, or of one, open only, or owned by the person typing; overdue by the reader’s today', async () => {
    await say(alice(), 'followup add INC-1 Write the runbook --due today');
    expect(await say(alice(), 'followup list')).toBe(
      [
        'Follow-ups across incidents:',
        'F1 INC-1 Alert on queue depth · owner Bob · due 2021-09-17 · public · open',
        'F2 INC-2 Rotate the session keys · owner Carol · due 2021-09-29 · done by alice 2021-09-15 11:50 GMT-03:00',
        'F3 INC-1 Write the runbook · no owner · due 2021-09-15 · open',
      ].join('\n'),
    );
    expect(await say(alice(), 'followup list INC-2')).toMatch(/^Follow-ups of INC-2:\nF2 INC-2 /);
    expect(await say(h.as('bob', { id: 'U0BOB', name: 'Bob' }), 'followup list --mine')).toBe(
      'Follow-ups across incidents (yours):\nF1 INC-1 Alert on queue depth · owner Bob · due 2021-09-17 · public · open',
    );
    expect(await say(alice(), 'followup list INC-2 --open')).toBe('No follow-ups of INC-2 (open).');

    // Thursday 00:10 in Sao Paulo: the runbook was due yesterday there, but it is still Wednesday in Los Angeles.
    h.clock.set(new Date('2021-09-16T03:10:00Z'));
    expect(await say(alice(), 'followup list --open')).toContain('F3 INC-1 Write the runbook · no owner · due 2021-09-15 (overdue) · open');
    expect(await say(h.as('dave', { timeZone: 'America/Los_Angeles' }), 'followup list --open')).toContain(
      'F3 INC-1 Write the runbook · no owner · due 2021-09-15 · open',
    );
  });

  test('summary counts and lists the incident’s open follow-ups', async () => {
    const briefing = await say(alice(), 'summary INC-1');
    expect(briefing).toContain(
      [
        'Open follow-ups: 2',
        '  F1 Alert on queue depth · owner Bob · due 2021-09-17 · public',
        '  F3 Write the runbook · no owner · due 2021-09-15 (overdue)',
      ].join('\n'),
    );
    expect(await say(alice(), 'summary INC-2')).not.toContain('follow-ups');
  });

  test('the incident report reads the public ones, in the order they were added', async () => {
    await say(alice(), 'followup add INC-1 Publish the capacity plan --public');
    expect(await publicFollowUps(database.db.prisma, 1)).toEqual([
      { id: 1, text: 'Alert on queue depth', state: 'open', due: '2021-09-17' },
      { id: 4, text: 'Publish the capacity plan', state: 'open', due: null },
    ]);
    expect(await publicFollowUps(database.db.prisma, 2)).toEqual([]);
  });
});
