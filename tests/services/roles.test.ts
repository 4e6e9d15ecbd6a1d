import { beforeAll, describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import { FileConfig } from '../../src/config.ts';
import { rolesOf } from '../../src/domain/roles.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { rejectDraft } from '../../src/services/draft/reject-draft.ts';
import { assignRole } from '../../src/services/incident/assign-role.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { getBriefing } from '../../src/services/queries.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, dumpAll, harness } from '../support/services.ts';

const person = (name: string) => ({ id: name, name: name[0]!.toUpperCase() + name.slice(1) });

test('the shipped roles, changed and added to by the configuration', () => {
  expect(rolesOf([]).map((role) => [role.name, role.title, role.mayApprove])).toEqual([
    ['commander', 'commander', true],
    ['communications', 'communications lead', true],
    ['scribe', 'scribe', false],
  ]);
  const configured = rolesOf([
    { name: 'communications', mayApprove: false },
    { name: 'liaison', title: 'customer liaison', description: 'talks to the largest customers', mayApprove: true },
  ]);
  expect(configured.map((role) => [role.name, role.title, role.mayApprove])).toEqual([
    ['commander', 'commander', true],
    ['communications', 'communications lead', false],
    ['scribe', 'scribe', false],
    ['liaison', 'customer liaison', true],
  ]);
});

test('roles in the configuration file: named as typed, once each; somebody must be able to approve', () => {
  const refused = (input: unknown) => FileConfig.safeParse(input).error?.issues.map((issue) => issue.message);
  expect(refused({ roles: [{ name: 'Customer Liaison' }] })).toEqual(['a role is named by 2 to 30 lowercase letters, digits or "-", e.g. "liaison"']);
  expect(refused({ roles: [{ name: 'scribe' }, { name: 'scribe' }] })).toEqual(['role "scribe" is listed twice']);
  expect(
    refused({
      roles: [
        { name: 'commander', mayApprove: false },
        { name: 'communications', mayApprove: false },
      ],
    }),
  ).toEqual(['nobody could approve a public update: give a role mayApprove: true, or list approval.approvers']);
  expect(
    FileConfig.parse({
      roles: [
        { name: 'commander', mayApprove: false },
        { name: 'communications', mayApprove: false },
      ],
      approval: { approvers: ['slack:U1'] },
    }).roles,
  ).toHaveLength(2);
});

describe.each(databaseKinds)('incident roles on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;

  beforeAll(async () => {
    h = await harness(database.db, { roles: [{ name: 'liaison', title: 'customer liaison', mayApprove: false }] });
    await declareIncident(h.as('alice'), { title: 'Checkout is slow', severity: 2 });
  });

  test('a role given: held, on the timeline and in the audit log, and the person brought into the rooms', async () => {
    h.events.length = 0;
    expect(await assignRole(h.as('alice'), { role: 'communications', user: person('bob') })).toMatchObject({
      incident: 1,
      role: { name: 'communications', title: 'communications lead' },
      holder: 'Bob',
      previous: null,
    });
    expect(await database.db.prisma.incidentRole.findMany({ select: { role: true, personId: true, personName: true, assignedByName: true } })).toEqual([
      { role: 'communications', personId: 'console:bob', personName: 'Bob', assignedByName: 'alice' },
    ]);
    const entry = await database.db.prisma.timelineEntry.findFirstOrThrow({ where: { kind: 'role' } });
    expect(entry.text).toBe('Bob is the communications lead of INC-1');
    expect(await database.db.prisma.auditLog.count({ where: { action: 'role' } })).toBe(1);
    expect(h.events).toEqual([
      { type: 'incident_changed', incidentId: 1 },
      { type: 'role_assigned', incidentId: 1, title: 'communications lead', personId: 'console:bob', personName: 'Bob' },
    ]);
  });

  test('handed over, taken back; the same again, an unknown role or nobody to take it from is refused and changes nothing', async () => {
    await assignRole(h.as('alice'), { role: 'communications', user: person('carol') });
    expect((await database.db.prisma.timelineEntry.findMany({ where: { kind: 'role' }, orderBy: { seq: 'asc' } })).at(-1)!.text).toBe(
      'communications lead of INC-1 handed from Bob to Carol',
    );
    await assignRole(h.as('alice'), { role: 'scribe', user: person('dave') });
    expect(await assignRole(h.as('alice'), { role: 'scribe', user: null })).toMatchObject({ holder: null, previous: 'Dave' });
    const before = await dumpAll(database.db);
    await expect(assignRole(h.as('alice'), { role: 'communications', user: person('carol') })).rejects.toThrow(
      'Carol is already the communications lead of INC-1.',
    );
    await expect(assignRole(h.as('alice'), { role: 'scribe', user: null })).rejects.toThrow('Nobody is the scribe of INC-1.');
    await expect(assignRole(h.as('alice'), { role: 'janitor', user: person('erin') })).rejects.toThrow(
      'There is no role "janitor": the roles are commander, communications, scribe, liaison.',
    );
    await expect(assignRole(h.as('alice'), { role: 'commander', user: null })).rejects.toThrow('An incident always has a commander: name who takes over.');
    expect(await dumpAll(database.db)).toBe(before);
  });

  test('the commander’s role is handed over as `commander` does', async () => {
    expect(await assignRole(h.as('alice'), { role: 'Commander', user: person('frank') })).toMatchObject({ holder: 'Frank', previous: 'alice' });
    expect((await database.db.prisma.incident.findUniqueOrThrow({ where: { id: 1 } })).commanderName).toBe('Frank');
  });

  test('the briefing has every role but the commander, with its holder or none', async () => {
    const { roles } = await getBriefing(h.as('alice'), { incident: 1 });
    expect(roles.map((role) => [role.title, role.holder?.personName ?? null])).toEqual([
      ['communications lead', 'Carol'],
      ['scribe', null],
      ['customer liaison', null],
    ]);
  });

  test('public updates are decided by the roles that may approve: the commander and the communications lead, not the scribe', async () => {
    await assignRole(h.as('frank'), { role: 'scribe', user: person('dave') });
    await draftPublicUpdate(h.as('dave'), { incident: 1, status: 'investigating', text: 'We are looking into slow checkouts.' });
    const before = await dumpAll(database.db);
    await expect(approveDraft(h.as('dave'), { incident: 1, draft: 1 })).rejects.toThrow(
      'Only the commander of INC-1 (Frank) or its communications lead (Carol) can approve D1.',
    );
    await expect(rejectDraft(h.as('erin'), { incident: 1, draft: 1 })).rejects.toThrow(
      'Only the commander of INC-1 (Frank) or its communications lead (Carol) can reject D1.',
    );
    expect(await dumpAll(database.db)).toBe(before);
    await approveDraft({ ...h.as('carol'), actor: { platform: 'console', id: 'carol', name: 'Carol' } }, { incident: 1, draft: 1 });
    expect(await database.db.prisma.publicDraft.findFirstOrThrow({ where: { incidentId: 1, number: 1 } })).toMatchObject({
      state: 'approved',
      decidedByName: 'Carol',
    });
  });
});

describe.each(databaseKinds)('approval as the configuration rules it, on %s', (kind) => {
  const database = useDatabase(kind);

  test('a communications lead who may not approve cannot; four-eyes still holds for the commander', async () => {
    const h = await harness(database.db, {
      roles: [{ name: 'communications', mayApprove: false }],
      approval: { fourEyes: true, approvers: [] },
    });
    await declareIncident(h.as('alice'), { title: 'Login fails', severity: 2 });
    await assignRole(h.as('alice'), { role: 'communications', user: person('bob') });
    await draftPublicUpdate(h.as('alice'), { status: 'investigating', text: 'Some customers cannot log in.' });
    await expect(approveDraft(h.as('bob'), { draft: 1 })).rejects.toThrow('Only the commander of INC-1 (alice) can approve D1.');
    await expect(approveDraft(h.as('alice'), { draft: 1 })).rejects.toThrow('Four-eyes approval is on: you wrote D1, so someone else must approve it.');
  });
});

describe.each(databaseKinds)('role and snooze typed at the console, on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const say = (line: string, name = 'alice') =>
    handleCommand(
      { ctx: h.as(name, { timeZone: 'America/Sao_Paulo' }), resolveUser: async (token) => ({ id: token, name: token }), log: () => {} },
      `/incident ${line}`,
    );

  beforeAll(async () => {
    h = await harness(database.db);
    await declareIncident(h.as('alice'), { title: 'Checkout is slow', severity: 1 });
  });

  test('role lists the roles, gives one, hands it over and takes it back; mistakes are named', async () => {
    expect(await say('role communications @bob')).toBe('bob is now the communications lead of INC-1.');
    expect(await say('role INC-1 communications carol')).toBe('carol is now the communications lead of INC-1 (was bob).');
    expect(await say('role')).toBe(
      [
        'Roles of INC-1:',
        '  commander (commander): alice · leads the response and has the last word · approves public updates',
        '  communications lead (communications): carol · writes what customers hear, and when · approves public updates',
        '  scribe (scribe): nobody · keeps the timeline: what happened, when, and the key moments',
      ].join('\n'),
    );
    expect(await say('role communications none')).toBe('Nobody is the communications lead of INC-1 now (was carol).');
    expect(await say('role scribe')).toMatch(/^Say who is to be the scribe, like: role scribe @alice \(or role scribe none to take it back\)\.\nUsage: /);
    expect(await say('role janitor dave')).toBe(
      'There is no role "janitor": the roles are commander, communications, scribe.\nUsage: /incident role [INC-n] [<role> <user>|none]',
    );
    expect(await say('role scribe dave erin')).toMatch(/^role takes a role and one person \(got "erin" after "dave"\)\./);
  });

  test('snooze holds the reminders back for the time typed, 30 minutes unless told; a time it cannot read is refused', async () => {
    // 10:50 in Sao Paulo.
    expect(await say('snooze')).toBe('Update reminders of INC-1 snoozed until 11:20 GMT-03:00.');
    expect(await say('snooze 1h30m')).toBe('Update reminders of INC-1 snoozed until 12:20 GMT-03:00.');
    expect(await say('snooze soon')).toMatch(/^Say how long to snooze, like 30m, 1h or 1h30m \(got "soon"\)\./);
    expect(await say('snooze 25h')).toMatch(/^Snooze for 1 minute to 24 hours, like 30m, 1h or 1h30m\./);
    const entry = await database.db.prisma.timelineEntry.findFirstOrThrow({ where: { kind: 'snoozed' }, orderBy: { seq: 'desc' } });
    expect(entry.text).toBe('Update reminders of INC-1 snoozed for 90 min by alice');
  });
});
