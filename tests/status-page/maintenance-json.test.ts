import { describe, expect, test } from 'vitest';
import {
  activeMaintenancesJson,
  componentsJson,
  scheduledMaintenancesJson,
  statusJson,
  summaryJson,
  upcomingMaintenancesJson,
} from '../../src/status-page/statuspage-json.ts';
import { member, page } from './expected-json.ts';
import type { PublicMaintenance } from '../../src/domain/public-page/snapshot.ts';
import { maintenanceSnapshot, quietMaintenanceSnapshot } from './maintenance-fixtures.ts';

const crm = member('crm1', 'CRM', 2, 'partial_outage', '2021-09-13T11:22:00.000-03:00');
// Operational before; under maintenance since MNT-3 started at 12:00.
const analytics = member('anl3', 'Analytics', 4, 'under_maintenance', '2021-09-13T12:00:00.000-03:00');
const portal = member('prt5', 'Portal', 6, 'operational', '2021-09-08T10:10:00.000-03:00');

const bodies = {
  scheduled: 'We will be undergoing scheduled maintenance during this time.',
  in_progress: 'Scheduled maintenance is currently in progress. We will provide updates as necessary.',
  completed: 'The scheduled maintenance has been completed.',
};

const update = (maintenance: string, status: keyof typeof bodies, posted: string) => ({
  id: `${maintenance}-${status}`,
  status,
  body: bodies[status],
  incident_id: maintenance,
  created_at: posted,
  updated_at: posted,
  display_at: posted,
  affected_components: null,
  deliver_notifications: true,
  custom_tweet: null,
  tweet_id: null,
});

const inProgress = {
  id: 'MNT-3',
  name: 'Core database upgrade',
  status: 'in_progress',
  created_at: '2021-09-10T09:00:00.000-03:00',
  updated_at: '2021-09-13T12:00:00.000-03:00',
  monitoring_at: null,
  resolved_at: null,
  impact: 'maintenance',
  shortlink: 'https://status.take.net/incidents/MNT-3',
  started_at: '2021-09-10T09:00:00.000-03:00',
  page_id: 'takeblip',
  incident_updates: [update('MNT-3', 'in_progress', '2021-09-13T12:00:00.000-03:00'), update('MNT-3', 'scheduled', '2021-09-10T09:00:00.000-03:00')],
  components: [crm, analytics],
  scheduled_for: '2021-09-13T12:00:00.000-03:00',
  scheduled_until: '2021-09-13T14:00:00.000-03:00',
};

const upcoming = {
  id: 'MNT-4',
  name: 'Portal <b>migration</b> & "cleanup"',
  status: 'scheduled',
  created_at: '2021-09-13T11:00:00.000-03:00',
  updated_at: '2021-09-13T11:00:00.000-03:00',
  monitoring_at: null,
  resolved_at: null,
  impact: 'maintenance',
  shortlink: 'https://status.take.net/incidents/MNT-4',
  started_at: '2021-09-13T11:00:00.000-03:00',
  page_id: 'takeblip',
  incident_updates: [update('MNT-4', 'scheduled', '2021-09-13T11:00:00.000-03:00')],
  components: [crm, portal],
  scheduled_for: '2021-09-20T02:00:00.000-03:00',
  scheduled_until: '2021-09-20T04:00:00.000-03:00',
};

const completed = {
  id: 'MNT-2',
  name: 'Certificate rotation',
  status: 'completed',
  created_at: '2021-09-01T09:00:00.000-03:00',
  updated_at: '2021-09-05T03:00:00.000-03:00',
  monitoring_at: null,
  resolved_at: '2021-09-05T03:00:00.000-03:00',
  impact: 'maintenance',
  shortlink: 'https://status.take.net/incidents/MNT-2',
  started_at: '2021-09-01T09:00:00.000-03:00',
  page_id: 'takeblip',
  incident_updates: [
    update('MNT-2', 'completed', '2021-09-05T03:00:00.000-03:00'),
    update('MNT-2', 'in_progress', '2021-09-05T02:00:00.000-03:00'),
    update('MNT-2', 'scheduled', '2021-09-01T09:00:00.000-03:00'),
  ],
  components: [],
  scheduled_for: '2021-09-05T02:00:00.000-03:00',
  scheduled_until: '2021-09-05T03:00:00.000-03:00',
};

describe('scheduled-maintenances/active.json', () => {
  test('the maintenance in progress, field for field', () => {
    expect(activeMaintenancesJson(maintenanceSnapshot())).toEqual({ page, scheduled_maintenances: [inProgress] });
  });

  test('verifying counts as active', () => {
    const snapshot = maintenanceSnapshot();
    snapshot.maintenances[1]!.status = 'verifying';
    expect(activeMaintenancesJson(snapshot).scheduled_maintenances.map((m) => [m.id, m.status])).toEqual([['MNT-3', 'verifying']]);
  });
});

describe('scheduled-maintenances/upcoming.json', () => {
  test('the maintenance not started yet, field for field; its text is data, not markup', () => {
    expect(upcomingMaintenancesJson(maintenanceSnapshot())).toEqual({ page, scheduled_maintenances: [upcoming] });
  });

  test('soonest first', () => {
    const snapshot = maintenanceSnapshot();
    const later: PublicMaintenance = {
      ...snapshot.maintenances[2]!,
      id: 'MNT-9',
      scheduledFor: new Date('2021-10-01T05:00:00Z'),
      scheduledUntil: new Date('2021-10-01T06:00:00Z'),
    };
    snapshot.maintenances.push(later);
    expect(upcomingMaintenancesJson(snapshot).scheduled_maintenances.map((m) => m.id)).toEqual(['MNT-4', 'MNT-9']);
  });
});

describe('scheduled-maintenances.json', () => {
  test('every status, latest start first, one update per state reached', () => {
    expect(scheduledMaintenancesJson(maintenanceSnapshot())).toEqual({ page, scheduled_maintenances: [upcoming, inProgress, completed] });
  });

  test('stops at 50', () => {
    const snapshot = maintenanceSnapshot();
    const template = snapshot.maintenances[0]!;
    snapshot.maintenances = Array.from(
      { length: 60 },
      (_, i): PublicMaintenance => ({
        ...template,
        id: `MNT-${i + 1}`,
        scheduledFor: new Date(Date.UTC(2021, 6, 1 + i, 5)),
        scheduledUntil: new Date(Date.UTC(2021, 6, 1 + i, 6)),
      }),
    );
    const { scheduled_maintenances: listed } = scheduledMaintenancesJson(snapshot);
    expect(listed).toHaveLength(50);
    expect(listed[0]!.id).toBe('MNT-60');
    expect(listed[49]!.id).toBe('MNT-11');
  });

  test('scheduled to start at once, its announcement still comes before its start', () => {
    const snapshot = maintenanceSnapshot();
    snapshot.maintenances[1]!.createdAt = new Date('2021-09-13T15:00:30Z');
    const [entry] = activeMaintenancesJson(snapshot).scheduled_maintenances;
    expect(entry!.incident_updates.map((u) => [u.status, u.display_at])).toEqual([
      ['in_progress', '2021-09-13T12:00:00.000-03:00'],
      ['scheduled', '2021-09-13T12:00:00.000-03:00'],
    ]);
    expect(entry!.created_at).toBe('2021-09-13T12:00:30.000-03:00');
  });
});

describe('summary.json and status.json with maintenance', () => {
  test('summary lists in progress then upcoming, as the two endpoints do', () => {
    const summary = summaryJson(maintenanceSnapshot());
    expect(Object.keys(summary)).toEqual(['page', 'components', 'incidents', 'scheduled_maintenances', 'status']);
    expect(summary.scheduled_maintenances).toEqual([inProgress, upcoming]);
  });

  test('components under a maintenance in progress read under_maintenance unless worse', () => {
    const { components } = componentsJson(maintenanceSnapshot());
    expect(components.find((c) => c.name === 'Analytics')).toEqual(analytics);
    expect(components.find((c) => c.name === 'CRM')).toEqual(crm);
    expect(components.find((c) => c.group)!.status).toBe('partial_outage');
  });

  test('the indicator is maintenance when nothing is worse', () => {
    const snapshot = quietMaintenanceSnapshot();
    expect(statusJson(snapshot).status).toEqual({ indicator: 'maintenance', description: 'Service Under Maintenance' });
    expect(summaryJson(snapshot).status).toEqual({ indicator: 'maintenance', description: 'Service Under Maintenance' });
    expect(componentsJson(snapshot).components.find((c) => c.group)!.status).toBe('under_maintenance');
  });

  test('an incident outranks maintenance', () => {
    expect(statusJson(maintenanceSnapshot()).status.indicator).toBe('major');
  });

  test('every document survives a JSON round trip unchanged', () => {
    const snapshot = maintenanceSnapshot();
    for (const document of [summaryJson(snapshot), scheduledMaintenancesJson(snapshot), upcomingMaintenancesJson(snapshot), activeMaintenancesJson(snapshot)]) {
      expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    }
  });
});
