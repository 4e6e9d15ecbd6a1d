import type { WebClient } from '@slack/web-api';
import { failureText as explainFailure } from '../../domain/failures.ts';
import type { Actor } from '../../domain/actor.ts';
import type { Log } from '../../log.ts';
import type { Ctx, Services } from '../../services/context.ts';
import type { RoomStore } from '../../db/stores/rooms.ts';
import type { Clock } from '../../time/clock.ts';
import type { CommandJobs } from './command-jobs.ts';
import type { SlackIdentity } from './identity.ts';

/** What every Slack listener works with. */
export interface SlackDeps {
  services: Services;
  rooms: RoomStore;
  identity: SlackIdentity;
  client: WebClient;
  clock: Clock;
  log: Log;
  publicBaseUrl(): string;
  /** Slash commands recorded as jobs before they are acknowledged (see command-jobs.ts). */
  commands: CommandJobs;
}

export function ctxFor(deps: SlackDeps, actor: Actor, roomIncidentId: number | undefined, channelTimeZone?: string): Ctx {
  return {
    ...deps.services,
    actor,
    ...(roomIncidentId === undefined ? {} : { roomIncidentId }),
    ...(channelTimeZone === undefined ? {} : { channelTimeZone }),
  };
}

/** The one place Slack turns a failure into words for the person (see domain/failures.ts). */
export function failureText(deps: SlackDeps, what: string, error: unknown): string {
  return explainFailure(error, deps.log, `slack: ${what} failed`);
}
