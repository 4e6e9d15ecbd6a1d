import { describe, expect, test } from 'vitest';
import { maintenanceId, maintenanceStatus, nextBoundary, publicUpdatedAt } from '../../src/domain/maintenance.ts';
import { activeMaintenances, pageStatus, upcomingMaintenances, withMaintenance } from '../../src/domain/public-page/page-status.ts';
import { manualClock } from '../../src/time/clock.ts';
import { takeBlipSnapshot } from './fixtures.ts';
import { maintenances, maintenanceSnapshot, quietMaintenanceSnapshot } from './maintenance-fixtures.ts';

const at = (iso: string) => new Date(iso);
const window = { scheduledFor: at('2026-12-01T05:00:00Z'), scheduledUntil: at('2026-12-01T07:00:00Z') };

describe('maintenanceStatus follows the clock', () => {
  test('before, at the start, during, at the end, after; cancelled whatever the time', () => {
    const clock = manualClock(at('2026-11-30T12:00:00Z'));
    const statuses: string[] = [];
    for (const instant of [
      '2026-11-30T12:00:00Z',
      '2026-12-01T04:59:59.999Z',
      '2026-12-01T05:00:00Z',
      '2026-12-01T06:00:00Z',
      '2026-12-01T07:00:00Z',
      '2026-12-20T00:00:00Z',
    ]) {
      clock.set(at(instant));
      statuses.push(maintenanceStatus(window, clock.now()));
    }
    expect(statuses).toEqual(['scheduled', 'scheduled', 'in_progress', 'in_progress', 'completed', 'completed']);
    for (const instant of ['2026-11-30T12:00:00Z', '2026-12-01T06:00:00Z', '2026-12-20T00:00:00Z']) {
      expect(maintenanceStatus({ ...window, cancelledAt: at('2026-11-30T13:00:00Z') }, at(instant))).toBe('cancelled');
    }
    expect(maintenanceStatus({ ...window, cancelledAt: null }, at('2026-12-01T06:00:00Z'))).toBe('in_progress');
  });

  test('ids read MNT-<n>', () => {
    expect(maintenanceId(7)).toBe('MNT-7');
  });
});

describe('nextBoundary', () => {
  const later = { scheduledFor: at('2026-12-01T06:00:00Z'), scheduledUntil: at('2026-12-01T09:00:00Z') };

  test('the next start or end strictly after now, across maintenances', () => {
    expect(nextBoundary([window, later], at('2026-11-30T00:00:00Z'))).toEqual(at('2026-12-01T05:00:00Z'));
    expect(nextBoundary([later, window], at('2026-12-01T05:00:00Z'))).toEqual(at('2026-12-01T06:00:00Z'));
    expect(nextBoundary([window, later], at('2026-12-01T06:30:00Z'))).toEqual(at('2026-12-01T07:00:00Z'));
    expect(nextBoundary([window, later], at('2026-12-01T07:00:00Z'))).toEqual(at('2026-12-01T09:00:00Z'));
  });

  test('null when nothing changes any more, or nothing is left', () => {
    expect(nextBoundary([window, later], at('2026-12-01T09:00:00Z'))).toBeNull();
    expect(nextBoundary([], at('2026-12-01T09:00:00Z'))).toBeNull();
  });

  test('a cancelled maintenance changes nothing', () => {
    expect(nextBoundary([{ ...window, cancelledAt: at('2026-11-01T00:00:00Z') }, later], at('2026-11-30T00:00:00Z'))).toEqual(at('2026-12-01T06:00:00Z'));
  });

  test('works on the snapshot’s own maintenance: rebuilding at the boundary flips the status', () => {
    const snapshot = maintenanceSnapshot();
    const next = nextBoundary(snapshot.maintenances, snapshot.builtAt);
    expect(next).toEqual(at('2021-09-13T17:00:00Z'));
    expect(maintenanceStatus(snapshot.maintenances[1]!, next!)).toBe('completed');
    expect(maintenanceStatus(snapshot.maintenances[1]!, new Date(next!.getTime() - 1))).toBe('in_progress');
  });
});

describe('publicUpdatedAt', () => {
  const m = { ...window, updatedAt: at('2026-11-20T00:00:00Z') };

  test('the last edit until the start, then the start, then the end', () => {
    expect(publicUpdatedAt(m, at('2026-11-30T00:00:00Z'))).toEqual(at('2026-11-20T00:00:00Z'));
    expect(publicUpdatedAt(m, at('2026-12-01T06:00:00Z'))).toEqual(at('2026-12-01T05:00:00Z'));
    expect(publicUpdatedAt(m, at('2026-12-02T00:00:00Z'))).toEqual(at('2026-12-01T07:00:00Z'));
  });
});

describe('components under maintenance', () => {
  test('an operational component named by a maintenance in progress shows under_maintenance from its start', () => {
    const shown = maintenanceSnapshot().components;
    const analytics = shown.find((component) => component.name === 'Analytics')!;
    expect(analytics.status).toBe('under_maintenance');
    expect(analytics.updatedAt).toEqual(at('2021-09-13T15:00:00Z'));
  });

  test('a worse state wins over maintenance', () => {
    const crm = maintenanceSnapshot().components.find((component) => component.name === 'CRM')!;
    expect(crm.status).toBe('partial_outage');
  });

  test('upcoming and completed maintenance leave components alone', () => {
    const states = Object.fromEntries(maintenanceSnapshot().components.map((component) => [component.name, component.status]));
    expect(states).toMatchObject({ Portal: 'operational', Core: 'degraded_performance', 'Cloud Infrastructure': 'operational' });
  });

  test('nothing changes without maintenance in progress', () => {
    const { components } = takeBlipSnapshot();
    expect(withMaintenance(components, [])).toEqual(components);
    expect(
      withMaintenance(
        components,
        maintenances().filter((m) => m.status !== 'in_progress'),
      ),
    ).toEqual(components);
  });
});

describe('the overall indicator', () => {
  test('maintenance while one is in progress and nothing is worse', () => {
    expect(pageStatus(quietMaintenanceSnapshot())).toEqual({ indicator: 'maintenance', description: 'Service Under Maintenance' });
  });

  test('maintenance even when it names no component', () => {
    const snapshot = quietMaintenanceSnapshot();
    snapshot.components = takeBlipSnapshot().components.map((component) => ({ ...component, status: 'operational' }));
    snapshot.maintenances = snapshot.maintenances.map((m) => ({ ...m, components: [] }));
    expect(pageStatus(snapshot).indicator).toBe('maintenance');
  });

  test('an open incident or an outage is worse than maintenance', () => {
    expect(pageStatus(maintenanceSnapshot())).toEqual({ indicator: 'major', description: 'Partial System Outage' });
  });

  test('only upcoming or completed maintenance: all clear', () => {
    const snapshot = quietMaintenanceSnapshot();
    snapshot.maintenances = snapshot.maintenances.filter((m) => m.status !== 'in_progress');
    snapshot.components = snapshot.components.map((component) => ({ ...component, status: 'operational' }));
    expect(pageStatus(snapshot)).toEqual({ indicator: 'none', description: 'All Systems Operational' });
  });

  test('active and upcoming select by status', () => {
    const snapshot = maintenanceSnapshot();
    expect(activeMaintenances(snapshot).map((m) => m.id)).toEqual(['MNT-3']);
    expect(upcomingMaintenances(snapshot).map((m) => m.id)).toEqual(['MNT-4']);
    snapshot.maintenances[1]!.status = 'verifying';
    expect(activeMaintenances(snapshot).map((m) => m.id)).toEqual(['MNT-3']);
  });
});
