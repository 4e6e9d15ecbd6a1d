import type { Database } from '../../src/db/client.ts';
import type { Actor } from '../../src/domain/actor.ts';
import type { Ctx, DomainEvent, Services } from '../../src/services/context.ts';
import { syncComponents } from '../../src/services/sync-components.ts';
import { type Clock, manualClock } from '../../src/time/clock.ts';

export const takeBlipConfig: Services['config'] & { publicBaseUrl: string } = {
  statusPage: { name: 'Take Blip Status', timeZone: 'America/Sao_Paulo', languages: ['en', 'pt-BR'] },
  components: [{ group: 'Take Blip Platform', items: ['CRM', 'Core', 'Analytics', 'Artificial Intelligence', 'Portal', 'Cloud Infrastructure'] }],
  approval: { fourEyes: false, approvers: [] },
  slack: { responders: [], admins: [], channelPrefix: 'inc', postsPerSecond: 5, parentEditsPerMinute: 40, queuedCommandsLimit: 1000 },
  teams: { responders: [], admins: [], channelPrefix: 'inc', roomChannel: 'private', postsPerSecond: 10 },
  webhooks: { allowLoopback: false, timeoutMs: 10_000 },
  reports: { customerChannels: true, templates: {} },
  trackers: {},
  roles: [],
  publicBaseUrl: 'http://status.example.test',
};

export interface Harness extends Services {
  clock: ReturnType<typeof manualClock>;
  events: DomainEvent[];
  as(name: string, extra?: Partial<Actor> & Partial<Pick<Ctx, 'roomIncidentId'>>): Ctx;
  config: typeof takeBlipConfig;
}

/** Services over a real database, a clock that moves only when told, and the events they emitted. */
export async function harness(db: Database, overrides: Partial<typeof takeBlipConfig> = {}, start = new Date('2021-09-15T13:50:00Z')): Promise<Harness> {
  const clock = manualClock(start);
  const config = { ...takeBlipConfig, ...overrides };
  await syncComponents(db, clock as Clock, config.components);
  const events: DomainEvent[] = [];
  const services: Services = { db, clock, config, deliveryTargets: ['status-page'], notify: (event) => events.push(event) };
  return {
    ...services,
    clock,
    config,
    events,
    as: (name, { roomIncidentId, ...actor } = {}) => ({
      ...services,
      actor: { platform: 'console', id: name, name, ...actor },
      ...(roomIncidentId === undefined ? {} : { roomIncidentId }),
    }),
  };
}

/** Everything stored, to prove that a refused command changed nothing. */
export async function dumpAll(db: Database): Promise<string> {
  const p = db.prisma;
  const tables = await Promise.all([
    p.incident.findMany({ orderBy: { id: 'asc' } }),
    p.incidentComponent.findMany({ orderBy: [{ incidentId: 'asc' }, { componentName: 'asc' }] }),
    p.timelineEntry.findMany({ orderBy: { id: 'asc' } }),
    p.publicDraft.findMany({ orderBy: { id: 'asc' } }),
    p.publication.findMany({ orderBy: { id: 'asc' } }),
    p.delivery.findMany({ orderBy: { id: 'asc' } }),
    p.auditLog.findMany({ orderBy: { id: 'asc' } }),
    p.component.findMany({ orderBy: { id: 'asc' } }),
    p.incidentRelation.findMany({ orderBy: { id: 'asc' } }),
    p.followUp.findMany({ orderBy: { id: 'asc' } }),
    p.reportSection.findMany({ orderBy: [{ draftId: 'asc' }, { lang: 'asc' }, { section: 'asc' }] }),
  ]);
  return JSON.stringify(tables);
}
