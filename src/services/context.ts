import type { RoomPlatform } from './room-work.ts';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { Actor } from '../domain/actor.ts';
import type { Clock } from '../time/clock.ts';

/** What happened, told to the rest of the process once the transaction has committed. */
export type DomainEvent =
  | { type: 'incident_declared'; incidentId: number }
  | { type: 'incident_changed'; incidentId: number }
  /** Command handed to someone else: they are brought into the incident's rooms. */
  | { type: 'commander_changed'; incidentId: number; commanderId: string; commanderName: string }
  /** Another role given to someone ("communications lead"): they are brought into the incident's rooms. */
  | { type: 'role_assigned'; incidentId: number; title: string; personId: string; personName: string }
  | { type: 'draft_created'; incidentId: number; draftId: number }
  | { type: 'draft_changed'; incidentId: number; draftId: number }
  | { type: 'publication_created'; incidentId: number; publicationId: number }
  | { type: 'delivery_failed'; deliveryId: number }
  /** A delivery was made, retried or given up: what shows its publication's progress is refreshed. */
  | { type: 'delivery_changed'; deliveryId: number; publicationId: number }
  /** The verified clock stopped, or started again, being trusted: operations should hear of it. */
  | { type: 'clock_trust_changed'; trust: { trusted: true } | { trusted: false; reason: string }; offsetMs: number | null }
  /** Scheduled, cancelled or ended early: the status page should be rebuilt. */
  | { type: 'maintenance_changed'; maintenanceId: number }
  /** Two incidents were related or unrelated: their pages list each other, so the status page should be rebuilt. */
  | { type: 'relation_changed'; incidentId: number; relatedId: number };

/** The process-wide dependencies every use case receives. */
export interface Services {
  db: Database;
  clock: Clock;
  config: Pick<AppConfig, 'statusPage' | 'components' | 'approval' | 'slack' | 'teams' | 'webhooks' | 'reports' | 'trackers' | 'roles'>;
  /** The names of the delivery targets every publication is sent to. */
  deliveryTargets: readonly string[];
  /** Whether confirmed e-mail subscribers are sent updates: only while a mail server is configured. */
  emailUpdates?: boolean;
  /** The platforms whose crisis rooms each change is recorded for, as room work (see room-work.ts). */
  roomPlatforms?: readonly RoomPlatform[];
  notify(event: DomainEvent): void;
}

/** One request: the services plus who asked, and the incident of the room it came from, if any. */
export interface Ctx extends Services {
  actor: Actor;
  roomIncidentId?: number;
  /** The zone of the channel the request came from, when it has one (a subscribed customer channel). */
  channelTimeZone?: string;
  /**
   * Names the request (a Slack command's trigger id), so that a request done again after a crash
   * changes nothing the second time: its change and this name are written in one transaction.
   */
  requestKey?: string;
}
