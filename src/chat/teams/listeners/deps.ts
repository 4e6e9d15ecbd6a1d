import type { Actor } from '../../../domain/actor.ts';
import { failureText as explainFailure } from '../../../domain/failures.ts';
import type { Log } from '../../../log.ts';
import type { Ctx, Services } from '../../../services/context.ts';
import type { RoomStore } from '../../../db/stores/rooms.ts';
import type { Clock } from '../../../time/clock.ts';

/** What every Teams listener works with. */
export interface TeamsDeps {
  services: Services;
  rooms: RoomStore;
  clock: Clock;
  log: Log;
}

/** The context a use case runs in for one person's action, in a crisis room or not. */
export function ctxFor(deps: TeamsDeps, actor: Actor, roomIncidentId?: number, channelTimeZone?: string): Ctx {
  return {
    ...deps.services,
    actor,
    ...(roomIncidentId === undefined ? {} : { roomIncidentId }),
    ...(channelTimeZone === undefined ? {} : { channelTimeZone }),
  };
}

/** The one place Teams turns a failure into words for the person (see domain/failures.ts). */
export function failureText(deps: Pick<TeamsDeps, 'log'>, what: string, error: unknown): string {
  return explainFailure(error, deps.log, `teams: ${what} failed`);
}
