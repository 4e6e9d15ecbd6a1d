import { describe, expect, test } from 'vitest';
import { componentsJson, incidentsJson, statusJson, summaryJson, unresolvedIncidentsJson } from '../../src/status-page/statuspage-json.ts';
import { member, page } from './expected-json.ts';
import type { PublicIncident } from '../../src/domain/public-page/snapshot.ts';
import { takeBlipSnapshot } from './fixtures.ts';

const quiet = '2021-09-08T10:10:00.000-03:00';
const hit = '2021-09-13T11:22:00.000-03:00';
const crm = member('crm1', 'CRM', 2, 'partial_outage', hit);
const core = member('core2', 'Core', 3, 'degraded_performance', hit);
const analytics = member('anl3', 'Analytics', 4, 'operational', quiet);

describe('status.json', () => {
  test('page and overall status', () => {
    expect(statusJson(takeBlipSnapshot())).toEqual({
      page,
      status: { indicator: 'major', description: 'Partial System Outage' },
    });
  });
});

describe('page.updated_at: when what the page shows last changed, not when the snapshot was built', () => {
  const updatedAt = (snapshot: ReturnType<typeof takeBlipSnapshot>) => statusJson(snapshot).page.updated_at;

  test('a rebuild a year later, by a clock a year ahead, shows the same instant', () => {
    const later = takeBlipSnapshot();
    later.builtAt = new Date(later.builtAt.getTime() + 365 * 86_400_000);
    expect(updatedAt(later)).toBe(updatedAt(takeBlipSnapshot()));
  });

  test('follows the latest change, whether an update, a component or a maintenance', () => {
    const snapshot = takeBlipSnapshot();
    snapshot.components[5]!.updatedAt = new Date('2021-09-13T15:20:10Z');
    expect(updatedAt(snapshot)).toBe('2021-09-13T12:20:10.000-03:00');
    snapshot.maintenances = [
      {
        id: 'MNT-1',
        title: 'Upgrade',
        status: 'scheduled',
        scheduledFor: new Date('2021-09-20T05:00:00Z'),
        scheduledUntil: new Date('2021-09-20T06:00:00Z'),
        components: [],
        createdAt: new Date('2021-09-13T15:20:20Z'),
        updatedAt: new Date('2021-09-13T15:20:20Z'),
      },
    ];
    expect(updatedAt(snapshot)).toBe('2021-09-13T12:20:20.000-03:00');
  });

  test('a page showing nothing at all is as of its build', () => {
    expect(updatedAt({ ...takeBlipSnapshot(), components: [], incidents: [], maintenances: [] })).toBe('2021-09-13T12:20:30.000-03:00');
  });
});

describe('components.json', () => {
  const { components } = componentsJson(takeBlipSnapshot());

  test('the group comes first as its own entry, listing its members', () => {
    expect(components).toHaveLength(7);
    expect(components[0]).toEqual({
      id: 'grp-take-blip-platform',
      name: 'Take Blip Platform',
      status: 'partial_outage',
      created_at: '2020-03-02T09:00:00.000-03:00',
      updated_at: hit,
      position: 1,
      description: null,
      showcase: false,
      start_date: null,
      group_id: null,
      page_id: 'takeblip',
      group: true,
      only_show_if_degraded: false,
      components: ['crm1', 'core2', 'anl3', 'ai4', 'prt5', 'cld6'],
    });
  });

  test('members point back to the group and carry no component list', () => {
    expect(components[1]).toEqual(crm);
    expect(components[2]).toEqual(core);
    expect(components.slice(1).map((entry) => [entry.name, entry.position, entry.group_id])).toEqual([
      ['CRM', 2, 'grp-take-blip-platform'],
      ['Core', 3, 'grp-take-blip-platform'],
      ['Analytics', 4, 'grp-take-blip-platform'],
      ['Artificial Intelligence', 5, 'grp-take-blip-platform'],
      ['Portal', 6, 'grp-take-blip-platform'],
      ['Cloud Infrastructure', 7, 'grp-take-blip-platform'],
    ]);
    expect(components.slice(1).every((entry) => !('components' in entry))).toBe(true);
  });

  test('ungrouped components stand alone, in page order, and groups keep their members together', () => {
    const snapshot = takeBlipSnapshot();
    snapshot.components.push(
      { ...snapshot.components[0]!, id: 'web7', name: 'Website', group: null, position: 0 },
      { ...snapshot.components[0]!, id: 'voz8', name: 'Voice', group: 'Telefonia & Voz', position: 3.5 },
    );
    expect(componentsJson(snapshot).components.map((entry) => [entry.id, entry.group_id])).toEqual([
      ['web7', null],
      ['grp-take-blip-platform', null],
      ['crm1', 'grp-take-blip-platform'],
      ['core2', 'grp-take-blip-platform'],
      ['anl3', 'grp-take-blip-platform'],
      ['ai4', 'grp-take-blip-platform'],
      ['prt5', 'grp-take-blip-platform'],
      ['cld6', 'grp-take-blip-platform'],
      ['grp-telefonia-voz', null],
      ['voz8', 'grp-telefonia-voz'],
    ]);
  });

  test('group names that slug alike still get distinct, stable ids', () => {
    const snapshot = takeBlipSnapshot();
    snapshot.components[5]!.group = 'Take-Blip Platform';
    const ids = () =>
      componentsJson(snapshot)
        .components.filter((entry) => entry.group)
        .map((entry) => entry.id);
    expect(ids()[0]).toBe('grp-take-blip-platform');
    expect(ids()[1]).toMatch(/^grp-take-blip-platform-[0-9a-f]{8}$/);
    expect(ids()).toEqual(ids());
  });
});

describe('incidents', () => {
  const openIncident = {
    id: 'INC-1042',
    name: 'Instability when sending and receiving messages',
    status: 'identified',
    created_at: '2021-09-13T11:22:00.000-03:00',
    updated_at: '2021-09-13T12:20:00.000-03:00',
    monitoring_at: null,
    resolved_at: null,
    impact: 'major',
    shortlink: 'https://status.take.net/incidents/INC-1042',
    started_at: '2021-09-13T11:05:00.000-03:00',
    page_id: 'takeblip',
    incident_updates: [
      {
        id: '5002',
        status: 'identified',
        body: 'The cause was identified in the message broker and a fix is being deployed.',
        incident_id: 'INC-1042',
        created_at: '2021-09-13T12:20:00.000-03:00',
        updated_at: '2021-09-13T12:20:00.000-03:00',
        display_at: '2021-09-13T12:20:00.000-03:00',
        affected_components: null,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      },
      {
        id: '5001',
        status: 'investigating',
        body: 'We are investigating failures when sending and receiving messages on the platform.',
        incident_id: 'INC-1042',
        created_at: hit,
        updated_at: hit,
        display_at: hit,
        affected_components: [
          { code: 'crm1', name: 'CRM', old_status: 'operational', new_status: 'partial_outage' },
          { code: 'core2', name: 'Core', old_status: 'operational', new_status: 'degraded_performance' },
        ],
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      },
    ],
    components: [crm, core],
    related_incidents: [],
  };

  test('incidents/unresolved.json holds the open incident, field for field', () => {
    expect(unresolvedIncidentsJson(takeBlipSnapshot())).toEqual({ page, incidents: [openIncident] });
  });

  test('incidents.json holds resolved incidents too, newest first', () => {
    const { incidents } = incidentsJson(takeBlipSnapshot());
    expect(incidents.map((incident) => [incident.id, incident.status])).toEqual([
      ['INC-1042', 'identified'],
      ['INC-1038', 'resolved'],
      ['INC-1001', 'resolved'],
    ]);
    const resolved = incidents[1]!;
    expect(resolved.monitoring_at).toBe('2021-09-08T09:40:00.000-03:00');
    expect(resolved.resolved_at).toBe('2021-09-08T10:10:00.000-03:00');
    expect(resolved.impact).toBe('minor');
    expect(resolved.components).toEqual([analytics]);
    expect(resolved.incident_updates.map((update) => update.status)).toEqual(['resolved', 'monitoring', 'investigating']);
  });

  test('an incident with a published report is a postmortem, carrying the report', () => {
    const snapshot = takeBlipSnapshot();
    snapshot.incidents[1] = { ...snapshot.incidents[1]!, report: { body: 'What happened\n\nImpact', publishedAt: new Date('2021-09-21T17:34:00Z') } };
    const resolved = incidentsJson(snapshot).incidents[1]!;
    expect(resolved).toMatchObject({
      status: 'postmortem',
      postmortem_body: 'What happened\n\nImpact',
      postmortem_published_at: '2021-09-21T14:34:00.000-03:00',
    });
    expect(resolved.incident_updates.map((update) => update.status)).toEqual(['resolved', 'monitoring', 'investigating']);
    expect(incidentsJson(snapshot).incidents[0]).not.toHaveProperty('postmortem_body');
    expect(unresolvedIncidentsJson(snapshot)).toEqual(unresolvedIncidentsJson(takeBlipSnapshot()));
  });

  test('incidents.json stops at 50', () => {
    const snapshot = takeBlipSnapshot();
    const template = snapshot.incidents[2]!;
    snapshot.incidents = Array.from({ length: 60 }, (_, index): PublicIncident => ({ ...template, number: 2000 - index }));
    const { incidents } = incidentsJson(snapshot);
    expect(incidents).toHaveLength(50);
    expect(incidents[0]!.id).toBe('INC-2000');
    expect(incidents[49]!.id).toBe('INC-1951');
  });

  test('a component gone from the page is left out of components but kept in the update history', () => {
    const snapshot = takeBlipSnapshot();
    snapshot.components = snapshot.components.filter((component) => component.name !== 'Core');
    const [incident] = unresolvedIncidentsJson(snapshot).incidents;
    expect(incident!.components.map((component) => component.name)).toEqual(['CRM']);
    expect(incident!.incident_updates[1]!.affected_components![1]).toEqual({
      code: 'core',
      name: 'Core',
      old_status: 'operational',
      new_status: 'degraded_performance',
    });
  });
});

describe('summary.json', () => {
  test('page, all components, unresolved incidents only, no maintenance, status', () => {
    const snapshot = takeBlipSnapshot();
    const summary = summaryJson(snapshot);
    expect(Object.keys(summary)).toEqual(['page', 'components', 'incidents', 'scheduled_maintenances', 'status']);
    expect(summary.page).toEqual(page);
    expect(summary.components).toEqual(componentsJson(snapshot).components);
    expect(summary.incidents).toEqual(unresolvedIncidentsJson(snapshot).incidents);
    expect(summary.scheduled_maintenances).toEqual([]);
    expect(summary.status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
  });

  test('all clear once the incident is resolved and components recover', () => {
    const snapshot = takeBlipSnapshot();
    snapshot.incidents[0]!.status = 'resolved';
    for (const component of snapshot.components) component.status = 'operational';
    const summary = summaryJson(snapshot);
    expect(summary.incidents).toEqual([]);
    expect(summary.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
  });

  test('survives a JSON round trip unchanged (no Date objects or undefined left)', () => {
    const summary = summaryJson(takeBlipSnapshot());
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});
