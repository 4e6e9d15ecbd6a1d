import type { PublicComponent, PublicIncident, PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { computeUptime } from '../../src/domain/public-page/uptime.ts';

const at = (iso: string) => new Date(iso);

function component(id: string, name: string, position: number, status: PublicComponent['status']): PublicComponent {
  return {
    id,
    name,
    group: 'Take Blip Platform',
    position,
    status,
    createdAt: at('2020-03-02T12:00:00Z'),
    updatedAt: status === 'operational' ? at('2021-09-08T13:10:00Z') : at('2021-09-13T14:22:00Z'),
  };
}

/** Modelled on Take Blip's public page during its incident of 13 September 2021. */
export function takeBlipSnapshot(): PublicSnapshot {
  const open: PublicIncident = {
    number: 1042,
    title: 'Instability when sending and receiving messages',
    status: 'identified',
    impact: 'major',
    createdAt: at('2021-09-13T14:22:00Z'),
    updatedAt: at('2021-09-13T15:20:00Z'),
    startedAt: at('2021-09-13T14:05:00Z'),
    impactStart: at('2021-09-13T14:05:00Z'),
    impactEnd: null,
    monitoringAt: null,
    resolvedAt: null,
    components: ['CRM', 'Core'],
    updates: [
      {
        id: 5002,
        status: 'identified',
        body: 'The cause was identified in the message broker and a fix is being deployed.',
        publishedAt: at('2021-09-13T15:20:00Z'),
        affectedComponents: [],
      },
      {
        id: 5001,
        status: 'investigating',
        body: 'We are investigating failures when sending and receiving messages on the platform.',
        publishedAt: at('2021-09-13T14:22:00Z'),
        affectedComponents: [
          { name: 'CRM', oldStatus: 'operational', newStatus: 'partial_outage' },
          { name: 'Core', oldStatus: 'operational', newStatus: 'degraded_performance' },
        ],
      },
    ],
    report: null,
    related: [],
  };
  const recent: PublicIncident = {
    number: 1038,
    title: 'Delay in Analytics reports',
    status: 'resolved',
    impact: 'minor',
    createdAt: at('2021-09-08T12:00:00Z'),
    updatedAt: at('2021-09-08T13:10:00Z'),
    startedAt: at('2021-09-08T11:40:00Z'),
    impactStart: at('2021-09-08T11:40:00Z'),
    impactEnd: at('2021-09-08T13:05:00Z'),
    monitoringAt: at('2021-09-08T12:40:00Z'),
    resolvedAt: at('2021-09-08T13:10:00Z'),
    components: ['Analytics'],
    updates: [
      {
        id: 4903,
        status: 'resolved',
        body: 'Reports are up to date again.',
        publishedAt: at('2021-09-08T13:10:00Z'),
        affectedComponents: [{ name: 'Analytics', oldStatus: 'degraded_performance', newStatus: 'operational' }],
      },
      {
        id: 4902,
        status: 'monitoring',
        body: 'A fix was applied and we are monitoring the report queue.',
        publishedAt: at('2021-09-08T12:40:00Z'),
        affectedComponents: [],
      },
      {
        id: 4901,
        status: 'investigating',
        body: 'Analytics reports are delayed.',
        publishedAt: at('2021-09-08T12:00:00Z'),
        affectedComponents: [{ name: 'Analytics', oldStatus: 'operational', newStatus: 'degraded_performance' }],
      },
    ],
    report: null,
    related: [],
  };
  const old: PublicIncident = {
    number: 1001,
    title: 'Portal login errors',
    status: 'resolved',
    impact: 'minor',
    createdAt: at('2021-08-02T18:00:00Z'),
    updatedAt: at('2021-08-02T19:00:00Z'),
    startedAt: at('2021-08-02T17:50:00Z'),
    impactStart: null,
    impactEnd: null,
    monitoringAt: null,
    resolvedAt: at('2021-08-02T19:00:00Z'),
    components: ['Portal'],
    updates: [
      {
        id: 4001,
        status: 'resolved',
        body: 'Logins work again.',
        publishedAt: at('2021-08-02T19:00:00Z'),
        affectedComponents: [],
      },
    ],
    report: null,
    related: [],
  };
  const snapshot: Omit<PublicSnapshot, 'uptime'> = {
    builtAt: at('2021-09-13T15:20:30Z'),
    page: {
      id: 'takeblip',
      name: 'Take Blip Status',
      url: 'https://status.take.net',
      timeZone: 'America/Sao_Paulo',
      languages: ['en', 'pt-BR'],
    },
    components: [
      component('crm1', 'CRM', 1, 'partial_outage'),
      component('core2', 'Core', 2, 'degraded_performance'),
      component('anl3', 'Analytics', 3, 'operational'),
      component('ai4', 'Artificial Intelligence', 4, 'operational'),
      component('prt5', 'Portal', 5, 'operational'),
      component('cld6', 'Cloud Infrastructure', 6, 'operational'),
    ],
    incidents: [open, recent, old],
    maintenances: [],
  };
  // The bars follow from the incidents above, as loadPublicSnapshot derives them from publications.
  const { builtAt: now, page, components, incidents } = snapshot;
  return { ...snapshot, uptime: computeUptime({ now, zone: page.timeZone, components, incidents }) };
}
