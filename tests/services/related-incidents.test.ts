import { beforeAll, describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import type { Ctx } from '../../src/services/context.ts';
import { relatedIncidents } from '../../src/services/incident/related-incidents.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const at = (iso: string) => new Date(iso);

// Times are shown in the status page's zone, São Paulo (UTC-3).
describe.each(databaseKinds)('related incidents on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;

  const say = (ctx: Ctx, line: string) =>
    handleCommand({ ctx, resolveUser: async (token) => ({ id: token, name: token }), log: () => {} }, `/incident ${line}`);
  const declareAt = async (iso: string, line: string) => {
    h.clock.set(at(iso));
    return say(h.as('alice'), `declare ${line}`);
  };
  const relations = () => database.db.prisma.incidentRelation.findMany({ orderBy: { id: 'asc' } });
  const timelineOf = async (incidentId: number) =>
    (await database.db.prisma.timelineEntry.findMany({ where: { incidentId }, orderBy: { seq: 'asc' } })).map((entry) => entry.text);

  beforeAll(async () => {
    h = await harness(database.db, {}, at('2021-08-15T13:49:00Z'));
  });

  test('declaring on components lists the incidents of the 30 days before on any of them, with the command to relate each', async () => {
    await declareAt('2021-08-16T13:49:00Z', 'Login failures --components CRM'); // INC-1: 30 days and a minute before INC-4
    await declareAt('2021-08-16T13:51:00Z', 'Broker backlog --components "Core, CRM"'); // INC-2
    await declareAt('2021-09-01T12:00:00Z', 'Analytics delay --components Analytics'); // INC-3: no component in common
    const reply = await declareAt('2021-09-15T13:50:00Z', 'Messages not delivered --sev 2 --components crm');
    expect(reply).toBe(
      [
        'Declared INC-4: Messages not delivered (SEV2, investigating). alice is the commander. Components: CRM.',
        'Declared on the same components in the last 30 days (a recurrence? relate it):',
        '  INC-2 Broker backlog · declared 2021-08-16 10:51 GMT-03:00 · /incident relate INC-4 INC-2 recurrence',
      ].join('\n'),
    );
  });

  test('at most five are suggested, newest first; without components, none', async () => {
    for (const day of ['02', '03', '04', '05', '06']) await declareAt(`2021-09-${day}T12:00:00Z`, `Core slow on the ${day}th --components Core`); // INC-5..9
    const reply = await declareAt('2021-09-16T12:00:00Z', 'Everything slow --components "Core, Analytics"');
    expect(reply.split('\n').slice(1)).toHaveLength(6);
    expect(
      reply
        .split('\n')
        .slice(2)
        .map((line) => line.trim().split(' ')[0]),
    ).toEqual(['INC-9', 'INC-8', 'INC-7', 'INC-6', 'INC-5']);
    expect(await declareAt('2021-09-16T12:05:00Z', 'No components named')).not.toContain('relate');
  });

  test('relate, in the incident’s room, records the relation, notes it on both timelines, audits it and tells the process', async () => {
    h.clock.set(at('2021-09-16T13:00:00Z'));
    h.events.length = 0;
    expect(await say(h.as('alice', { roomIncidentId: 4 }), 'relate INC-2 recurrence')).toBe('INC-4 is a recurrence of INC-2 (Broker backlog).');
    expect(await relations()).toMatchObject([
      { incidentId: 4, relatedId: 2, kind: 'recurrence', createdById: 'console:alice', createdByName: 'alice', createdAt: at('2021-09-16T13:00:00Z') },
    ]);
    expect((await timelineOf(4)).at(-1)).toBe('INC-4 is a recurrence of INC-2.');
    expect((await timelineOf(2)).at(-1)).toBe('INC-4 is a recurrence of INC-2.');
    const audit = await database.db.prisma.auditLog.findMany({ where: { action: 'related' }, orderBy: { id: 'asc' } });
    // The other incident's first: the one acted on stays the one alice worked on latest.
    expect(audit.map((row) => [row.incidentId, row.actorId, row.at.toISOString()])).toEqual([
      [2, 'console:alice', '2021-09-16T13:00:00.000Z'],
      [4, 'console:alice', '2021-09-16T13:00:00.000Z'],
    ]);
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ incident: 4, related: 2, kind: 'recurrence' });
    expect(h.events).toContainEqual({ type: 'relation_changed', incidentId: 4, relatedId: 2 });
  });

  test('a pair is related once: the same again, or the other way round, is refused saying how they are related', async () => {
    const before = JSON.stringify([await relations(), await timelineOf(2), await timelineOf(4)]);
    expect(await say(h.as('bob', { roomIncidentId: 4 }), 'relate INC-2 recurrence')).toBe('INC-4 is already a recurrence of INC-2.');
    expect(await say(h.as('bob', { roomIncidentId: 2 }), 'relate INC-4')).toBe(
      'INC-2 and INC-4 are already related: INC-4 is a recurrence of INC-2. To relate them the other way, first: /incident unrelate INC-2 INC-4',
    );
    expect(JSON.stringify([await relations(), await timelineOf(2), await timelineOf(4)])).toBe(before);
  });

  test('itself, or an incident that does not exist, is refused', async () => {
    expect(await say(h.as('bob', { roomIncidentId: 4 }), 'relate INC-4')).toBe(
      'INC-4 cannot be related to itself.\nUsage: /incident relate [INC-n] INC-m [recurrence|duplicate|caused-by|related]',
    );
    expect(await say(h.as('bob'), 'relate INC-4 INC-99 duplicate')).toBe('INC-99 does not exist.');
    expect(await relations()).toHaveLength(1);
  });

  test('relating again with another kind changes the kind, and says what it was', async () => {
    h.clock.set(at('2021-09-16T13:05:00Z'));
    expect(await say(h.as('bob'), 'relate INC-4 INC-2 duplicate')).toBe('INC-4 is a duplicate of INC-2 (Broker backlog); it was a recurrence of it.');
    expect(await relations()).toMatchObject([{ incidentId: 4, relatedId: 2, kind: 'duplicate', createdById: 'console:alice' }]);
    expect((await timelineOf(2)).at(-1)).toBe('INC-4 is now a duplicate of INC-2 (was a recurrence of it).');
  });

  test('relatedIncidents gives both directions, earliest declared first, for the report', async () => {
    await say(h.as('bob', { roomIncidentId: 5 }), 'relate INC-4 caused-by');
    expect(await relatedIncidents(database.db.prisma, 4)).toEqual([
      { id: 2, title: 'Broker backlog', declaredAt: at('2021-08-16T13:51:00Z'), resolvedAt: null, kind: 'duplicate', direction: 'outgoing' },
      { id: 5, title: 'Core slow on the 02th', declaredAt: at('2021-09-02T12:00:00Z'), resolvedAt: null, kind: 'caused-by', direction: 'incoming' },
    ]);
    expect(await relatedIncidents(database.db.prisma, 3)).toEqual([]);
  });

  test('summary lists them with the relation read from its side, title, and dates in the reader’s zone', async () => {
    const summary = (await say(h.as('carol', { roomIncidentId: 4 }), 'summary')).split('\n');
    expect(summary.filter((line) => line.startsWith('Related: '))).toEqual([
      'Related: duplicate of INC-2 Broker backlog (declared 2021-08-16 10:51 GMT-03:00, open)',
      'Related: cause of INC-5 Core slow on the 02th (declared 2021-09-02 09:00 GMT-03:00, open)',
    ]);
    const fromTwo = await say(h.as('carol', { roomIncidentId: 2, timeZone: 'Asia/Kolkata' }), 'summary');
    expect(fromTwo).toContain('Related: duplicated by INC-4 Messages not delivered (declared 2021-09-15 19:20 GMT+05:30, open)');
  });

  test('without an id or a room, relate acts on the incident the person last worked on', async () => {
    h.clock.set(at('2021-09-16T14:00:00Z'));
    await say(h.as('dave'), 'declare Queue stuck');
    expect(await say(h.as('dave'), 'relate INC-9')).toBe('INC-12 is related to INC-9 (Core slow on the 06th).');
  });

  test('unrelate takes a relation back from either side, noting it on both timelines', async () => {
    h.clock.set(at('2021-09-16T14:10:00Z'));
    expect(await say(h.as('bob', { roomIncidentId: 2 }), 'unrelate INC-4')).toBe('Unrelated: INC-4 was a duplicate of INC-2.');
    expect((await relations()).map((row) => [row.incidentId, row.relatedId])).toEqual([
      [5, 4],
      [12, 9],
    ]);
    expect((await timelineOf(4)).at(-1)).toBe('INC-4 is no longer a duplicate of INC-2.');
    expect((await timelineOf(2)).at(-1)).toBe('INC-4 is no longer a duplicate of INC-2.');
    const audit = await database.db.prisma.auditLog.findMany({ where: { action: 'unrelated' } });
    expect(audit.map((row) => [row.incidentId, row.at.toISOString()]).toSorted()).toEqual([
      [2, '2021-09-16T14:10:00.000Z'],
      [4, '2021-09-16T14:10:00.000Z'],
    ]);
    expect(await say(h.as('bob', { roomIncidentId: 2 }), 'unrelate INC-4')).toBe('INC-2 and INC-4 are not related.');
  });

  test('summary of an open incident keeps offering those of the 30 days before its declaration not related yet; resolved, none', async () => {
    // INC-10 (declared on the 16th on Core and Analytics) may recur INC-9..5 on Core; INC-4 is related to INC-5 only.
    const offered = (await say(h.as('carol', { roomIncidentId: 10 }), 'summary')).split('\n');
    expect(offered.slice(offered.indexOf('Declared on the same components in the last 30 days (a recurrence? relate it):') + 1)).toEqual([
      '  INC-9 Core slow on the 06th · declared 2021-09-06 09:00 GMT-03:00 · /incident relate INC-10 INC-9 recurrence',
      '  INC-8 Core slow on the 05th · declared 2021-09-05 09:00 GMT-03:00 · /incident relate INC-10 INC-8 recurrence',
      '  INC-7 Core slow on the 04th · declared 2021-09-04 09:00 GMT-03:00 · /incident relate INC-10 INC-7 recurrence',
      '  INC-6 Core slow on the 03th · declared 2021-09-03 09:00 GMT-03:00 · /incident relate INC-10 INC-6 recurrence',
      '  INC-5 Core slow on the 02th · declared 2021-09-02 09:00 GMT-03:00 · /incident relate INC-10 INC-5 recurrence',
    ]);
    await say(h.as('carol', { roomIncidentId: 10 }), 'relate INC-8 recurrence');
    expect(await say(h.as('carol', { roomIncidentId: 10 }), 'summary')).not.toContain('/incident relate INC-10 INC-8');
    await say(h.as('carol', { roomIncidentId: 10 }), 'resolve');
    expect(await say(h.as('carol', { roomIncidentId: 10 }), 'summary')).not.toContain('a recurrence?');
    // INC-4's earlier one on CRM, INC-2, was unrelated: it is offered again.
    expect(await say(h.as('carol', { roomIncidentId: 4 }), 'summary')).toContain(
      '  INC-2 Broker backlog · declared 2021-08-16 10:51 GMT-03:00 · /incident relate INC-4 INC-2 recurrence',
    );
  });
});
