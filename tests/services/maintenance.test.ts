import { beforeAll, describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import { nextBoundary } from '../../src/domain/maintenance.ts';
import type { Ctx } from '../../src/services/context.ts';
import { cancelMaintenance } from '../../src/services/maintenance/cancel-maintenance.ts';
import { listMaintenances } from '../../src/services/maintenance/list-maintenances.ts';
import { loadPublicSnapshot } from '../../src/services/public-page/load-public-snapshot.ts';
import { scheduleMaintenance } from '../../src/services/maintenance/schedule-maintenance.ts';
import { pageStatus } from '../../src/domain/public-page/page-status.ts';
import { activeMaintenancesJson, scheduledMaintenancesJson } from '../../src/status-page/statuspage-json.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const at = (iso: string) => new Date(iso);
const usage = 'Usage: /incident maintenance schedule <start> - <end> <title> [--components "CRM, Core"] | cancel M<k> | list';

describe.each(databaseKinds)('scheduled maintenance on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;

  const say = (ctx: Ctx, line: string) =>
    handleCommand({ ctx, resolveUser: async (token) => ({ id: token, name: token }), log: () => {} }, `/incident ${line}`);
  const snapshot = () => loadPublicSnapshot(database.db, h.clock, h.config);
  const stored = async () => ({
    maintenances: await database.db.prisma.maintenance.findMany({ orderBy: { id: 'asc' } }),
    audit: await database.db.prisma.auditLog.count(),
  });
  const stateOf = async (name: string) => (await snapshot()).components.find((component) => component.name === name)!.status;

  beforeAll(async () => {
    // 2026-11-25 09:00 in Sao Paulo, the page's zone.
    h = await harness(database.db, {}, at('2026-11-25T12:00:00Z'));
  });

  test('scheduling records the window, the components, who did it and an audit row, and tells the process', async () => {
    const scheduled = await scheduleMaintenance(h.as('alice'), { window: '2026-12-01 02:00 - 04:00', title: ' Database upgrade ', components: ['crm', 'CRM'] });
    expect(scheduled).toMatchObject({
      id: 1,
      label: 'MNT-1',
      title: 'Database upgrade',
      status: 'scheduled',
      components: ['CRM'],
      createdById: 'console:alice',
      createdByName: 'alice',
      cancelledAt: null,
    });
    expect(scheduled.scheduledFor.toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(scheduled.scheduledUntil.toISOString()).toBe('2026-12-01T07:00:00.000Z');
    expect(scheduled.createdAt.toISOString()).toBe('2026-11-25T12:00:00.000Z');
    const [audit] = await database.db.prisma.auditLog.findMany({ where: { action: 'maintenance_scheduled' } });
    expect(audit).toMatchObject({ actorId: 'console:alice', actorName: 'alice', platform: 'console', incidentId: null });
    expect(JSON.parse(audit!.detail)).toEqual({
      maintenance: 'MNT-1',
      title: 'Database upgrade',
      scheduledFor: '2026-12-01T05:00:00.000Z',
      scheduledUntil: '2026-12-01T07:00:00.000Z',
      components: ['CRM'],
    });
    expect(h.events).toContainEqual({ type: 'maintenance_changed', maintenanceId: 1 });
  });

  test('from chat: a bare end earlier than the start ends the next day; the reply shows the window with offsets', async () => {
    expect(await say(h.as('bob'), 'maintenance schedule 2026-12-01 23:00 - 01:00 Network switch swap')).toBe(
      'Scheduled MNT-2: Network switch swap, 2026-12-01 23:00 GMT-03:00 → 2026-12-02 01:00 GMT-03:00. It shows on the status page now and starts on time.',
    );
  });

  test('times are read, and shown, in the zone of the person who typed them', async () => {
    const berlin = h.as('carol', { timeZone: 'Europe/Berlin' });
    expect(await say(berlin, 'maintenance schedule 2026-12-03 02:00 to 03:00 Berlin move --components core')).toBe(
      'Scheduled MNT-3: Berlin move, 2026-12-03 02:00 GMT+01:00 → 03:00 GMT+01:00 (Core). It shows on the status page now and starts on time.',
    );
    const row = await database.db.prisma.maintenance.findUniqueOrThrow({ where: { id: 3 } });
    expect([row.scheduledFor.toISOString(), row.scheduledUntil.toISOString()]).toEqual(['2026-12-03T01:00:00.000Z', '2026-12-03T02:00:00.000Z']);
  });

  test('list shows id, title, window with offsets, components and status', async () => {
    expect(await say(h.as('alice'), 'maintenance list')).toBe(
      [
        'Maintenance (upcoming, in progress, completed in the last 14 days):',
        'MNT-1: Database upgrade, 2026-12-01 02:00 GMT-03:00 → 04:00 GMT-03:00 (CRM) · scheduled',
        'MNT-2: Network switch swap, 2026-12-01 23:00 GMT-03:00 → 2026-12-02 01:00 GMT-03:00 · scheduled',
        'MNT-3: Berlin move, 2026-12-02 22:00 GMT-03:00 → 23:00 GMT-03:00 (Core) · scheduled',
      ].join('\n'),
    );
  });

  test.each([
    ['2026-12-01 04:00 - 2026-12-01 02:00', 'It ends before it starts: the end 2026-12-01 02:00 GMT-03:00 is before the start 2026-12-01 04:00 GMT-03:00.'],
    ['2026-12-01 02:00 - 02:00', 'A maintenance must end after it starts (2026-12-01 02:00 GMT-03:00 → 02:00 GMT-03:00).'],
    [
      '2026-12-01 02:00',
      'A maintenance needs an end as well as a start (2026-12-01 02:00 GMT-03:00): write the window as <start> - <end>, e.g. 02:00 - 04:00.',
    ],
    ['2026-11-20 02:00 - 04:00', '2026-11-20 02:00 GMT-03:00 has already passed (now is 2026-11-25 09:00 GMT-03:00): maintenance is scheduled from now on.'],
    ['2026-11-25 08:58 - 10:00', '2026-11-25 08:58 GMT-03:00 has already passed (now is 2026-11-25 09:00 GMT-03:00): maintenance is scheduled from now on.'],
    ['2027-11-20 02:00 - 2027-11-26 04:00', 'Maintenance is scheduled at most a year ahead: 2027-11-26 04:00 GMT-03:00 is after 2027-11-25 09:00 GMT-03:00.'],
    ['2026-12-01 25:00 - 26:00', '25:00 is not a valid time of day (hours run from 00 to 23).'],
    [
      '2026-03-08 02:30 America/New_York - 04:00',
      '2026-03-08 02:30 does not exist in America/New_York (clocks jumped from 02:00 to 03:00). Did you mean 01:30 GMT-05:00 or 03:30 GMT-04:00?',
    ],
  ])('%j is refused and nothing is stored', async (window, error) => {
    const before = await stored();
    await expect(scheduleMaintenance(h.as('alice'), { window, title: 'x' })).rejects.toThrow(error);
    expect(await stored()).toEqual(before);
  });

  test('unknown components and blank titles are refused; chat adds the usage line', async () => {
    const before = await stored();
    await expect(scheduleMaintenance(h.as('alice'), { window: '2026-12-01 02:00 - 04:00', title: 'x', components: ['Billing'] })).rejects.toThrow(
      /^Unknown component "Billing". Components: CRM, Core, Analytics/,
    );
    await expect(scheduleMaintenance(h.as('alice'), { window: '2026-12-01 02:00 - 04:00', title: '   ' })).rejects.toThrow(
      'title: a maintenance needs a title',
    );
    expect(await say(h.as('alice'), 'maintenance schedule 2026-12-01 02:00 - 04:00 x --components Billing')).toMatch(
      new RegExp(`^Unknown component "Billing"[^\\n]*\\n${usage.replace(/[|[\]]/g, '\\$&')}$`),
    );
    expect(await stored()).toEqual(before);
  });

  test('a start less than a minute behind the clock counts as now: in progress at once', async () => {
    h.clock.set(at('2026-11-25T12:00:40Z'));
    expect(await say(h.as('alice'), 'maintenance schedule 09:00 - 09:30 Cache flush')).toBe(
      'Scheduled MNT-4: Cache flush, 2026-11-25 09:00 GMT-03:00 → 09:30 GMT-03:00. It is in progress on the status page now and completes on time.',
    );
  });

  test('the page follows the clock: scheduled, in progress (components under maintenance), completed', async () => {
    h.clock.set(at('2026-11-26T12:00:00Z'));
    let page = await snapshot();
    expect(page.maintenances.map((m) => [m.id, m.status])).toEqual([
      ['MNT-4', 'completed'],
      ['MNT-1', 'scheduled'],
      ['MNT-2', 'scheduled'],
      ['MNT-3', 'scheduled'],
    ]);
    expect(page.maintenances[1]).toEqual({
      id: 'MNT-1',
      title: 'Database upgrade',
      status: 'scheduled',
      scheduledFor: at('2026-12-01T05:00:00Z'),
      scheduledUntil: at('2026-12-01T07:00:00Z'),
      components: ['CRM'],
      createdAt: at('2026-11-25T12:00:00Z'),
      updatedAt: at('2026-11-25T12:00:00Z'),
    });
    expect(await stateOf('CRM')).toBe('operational');
    expect(pageStatus(page).indicator).toBe('none');

    const start = nextBoundary(page.maintenances, page.builtAt);
    expect(start).toEqual(at('2026-12-01T05:00:00Z'));
    h.clock.set(start!);
    page = await snapshot();
    expect(page.maintenances.find((m) => m.id === 'MNT-1')).toMatchObject({ status: 'in_progress', updatedAt: start });
    expect(page.components.find((c) => c.name === 'CRM')).toMatchObject({ status: 'under_maintenance', updatedAt: start });
    expect(pageStatus(page)).toEqual({ indicator: 'maintenance', description: 'Service Under Maintenance' });
    expect(activeMaintenancesJson(page).scheduled_maintenances.map((m) => m.id)).toEqual(['MNT-1']);

    const end = nextBoundary(page.maintenances, page.builtAt);
    expect(end).toEqual(at('2026-12-01T07:00:00Z'));
    h.clock.set(end!);
    page = await snapshot();
    expect(page.maintenances.find((m) => m.id === 'MNT-1')!.status).toBe('completed');
    expect(await stateOf('CRM')).toBe('operational');
    expect(pageStatus(page).indicator).toBe('none');
    expect(scheduledMaintenancesJson(page).scheduled_maintenances.find((m) => m.id === 'MNT-1')).toMatchObject({
      status: 'completed',
      resolved_at: '2026-12-01T04:00:00.000-03:00',
    });
  });

  test('cancelling before the start takes it off the page; twice is refused', async () => {
    const ctx = h.as('dave');
    expect(await say(ctx, 'maintenance cancel M2')).toBe(
      'Cancelled MNT-2: Network switch swap, 2026-12-01 23:00 GMT-03:00 → 2026-12-02 01:00 GMT-03:00. It is no longer on the status page.',
    );
    const row = await database.db.prisma.maintenance.findUniqueOrThrow({ where: { id: 2 } });
    expect(row).toMatchObject({ cancelledById: 'console:dave', cancelledByName: 'dave', cancelledAt: at('2026-12-01T07:00:00Z') });
    expect((await snapshot()).maintenances.map((m) => m.id)).not.toContain('MNT-2');
    expect((await listMaintenances(ctx)).map((m) => m.label)).not.toContain('MNT-2');
    const audit = await database.db.prisma.auditLog.findMany({ where: { action: 'maintenance_cancelled' } });
    expect(audit.map((a) => [a.actorId, JSON.parse(a.detail)])).toEqual([['console:dave', { maintenance: 'MNT-2', title: 'Network switch swap' }]]);
    expect(h.events).toContainEqual({ type: 'maintenance_changed', maintenanceId: 2 });
    await expect(cancelMaintenance(ctx, { id: 2 })).rejects.toThrow('MNT-2 was already cancelled by dave at 2026-12-01 04:00 GMT-03:00.');
  });

  test('a completed maintenance cannot be cancelled, an unknown one is not found', async () => {
    await expect(cancelMaintenance(h.as('dave'), { id: 1 })).rejects.toThrow(
      'MNT-1 is already over (it ended at 2026-12-01 04:00 GMT-03:00); there is nothing to cancel.',
    );
    expect(await say(h.as('dave'), 'maintenance cancel MNT-99')).toBe('MNT-99 does not exist (see /incident maintenance list).');
  });

  test('cancelling one in progress ends it now: it shows as completed and its components recover', async () => {
    h.clock.set(at('2026-12-03T01:30:00Z'));
    expect(await stateOf('Core')).toBe('under_maintenance');
    expect(await say(h.as('erin'), 'maintenance cancel m3')).toBe(
      'Ended MNT-3: Berlin move, 2026-12-02 22:00 GMT-03:00 → 22:30 GMT-03:00 (Core): it was in progress, so it now shows as completed.',
    );
    const page = await snapshot();
    expect(page.maintenances.find((m) => m.id === 'MNT-3')).toMatchObject({ status: 'completed', scheduledUntil: at('2026-12-03T01:30:00Z') });
    expect(page.components.find((c) => c.name === 'Core')!.status).toBe('operational');
    const [audit] = await database.db.prisma.auditLog.findMany({ where: { action: 'maintenance_ended' } });
    expect(JSON.parse(audit!.detail)).toEqual({
      maintenance: 'MNT-3',
      title: 'Berlin move',
      scheduledUntil: '2026-12-03T02:00:00.000Z',
      endedAt: '2026-12-03T01:30:00.000Z',
    });
  });

  test('completed maintenance leaves the page and the list after 14 days', async () => {
    h.clock.set(at('2026-12-15T07:00:01Z'));
    expect((await snapshot()).maintenances.map((m) => m.id)).toEqual(['MNT-3']);
    expect(await say(h.as('alice'), 'maintenance list')).toBe(
      'Maintenance (upcoming, in progress, completed in the last 14 days):\nMNT-3: Berlin move, 2026-12-02 22:00 GMT-03:00 → 22:30 GMT-03:00 (Core) · completed',
    );
    h.clock.set(at('2026-12-20T00:00:00Z'));
    expect((await snapshot()).maintenances).toEqual([]);
    expect(nextBoundary((await snapshot()).maintenances, h.clock.now())).toBeNull();
    expect(await say(h.as('alice'), 'maintenance list')).toBe('No maintenance scheduled, in progress or completed in the last 14 days.');
  });

  test('a bare time more than a minute behind the clock is tomorrow’s', async () => {
    // Now is 2026-12-19 21:00 in Sao Paulo.
    const tomorrow = await scheduleMaintenance(h.as('alice'), { window: '20:58 - 22:00', title: 'Tomorrow' });
    expect([tomorrow.scheduledFor.toISOString(), tomorrow.scheduledUntil.toISOString()]).toEqual(['2026-12-20T23:58:00.000Z', '2026-12-21T01:00:00.000Z']);
  });
});
