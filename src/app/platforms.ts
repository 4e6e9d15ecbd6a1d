import type { Tuning } from '../app.ts';
import type { SlackAdapter } from '../chat/slack/adapter.ts';
import type { TeamsAdapter } from '../chat/teams/adapter.ts';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import type { ChannelPoster } from '../delivery/targets/customer-channel.ts';
import type { Log } from '../log.ts';
import type { Services } from '../services/context.ts';
import { type Job, createJobStore } from '../db/stores/jobs.ts';
import { createRoomStore } from '../db/stores/rooms.ts';
import type { Clock } from '../time/clock.ts';

interface PlatformsStep {
  config: AppConfig;
  db: Database;
  services: Services;
  clock: Clock;
  log: Log;
  tuning: Tuning;
  publicBaseUrl: () => string;
  jobs: { concurrency: number; wake(): void };
  /** Filled here: each platform's poster of customer posts, and the handlers of its kinds of job. */
  posters: Record<string, ChannelPoster>;
  jobHandlers: Record<string, (job: Job) => Promise<void>>;
}

/**
 * The chat platforms that are configured, each with its routes, its poster of customer posts and
 * its room work. Each platform's SDK is loaded only when it is configured: a process without it
 * starts in half the time.
 */
export async function buildPlatforms(step: PlatformsStep): Promise<{ slack: SlackAdapter | null; teams: TeamsAdapter | null }> {
  const { config, db, services, clock, log, tuning, publicBaseUrl } = step;
  const slack = config.slackCredentials
    ? await (await import('../chat/slack/adapter.ts')).createSlackAdapter({
        credentials: config.slackCredentials,
        services,
        rooms: createRoomStore(db),
        clock,
        log,
        publicBaseUrl,
        jobs: { store: createJobStore(db), concurrency: step.jobs.concurrency, wake: step.jobs.wake },
        ...tuning,
        ...(config.operations.slackChannel ? { operationsChannel: config.operations.slackChannel } : {}),
      })
    : null;
  const teams = config.teamsCredentials
    ? await (await import('../chat/teams/adapter.ts')).createTeamsAdapter({
        settings: config.teamsCredentials,
        services,
        rooms: createRoomStore(db),
        clock,
        log,
        publicBaseUrl,
        ...(tuning.teamsTimeoutMs === undefined ? {} : { connectorTimeoutMs: tuning.teamsTimeoutMs }),
        ...(config.operations.teamsChannel ? { operationsChannel: config.operations.teamsChannel } : {}),
      })
    : null;
  for (const [name, adapter] of [['slack', slack] as const, ['teams', teams] as const]) {
    if (!adapter) continue;
    step.posters[name] = adapter.poster;
    Object.assign(step.jobHandlers, adapter.jobHandlers);
  }
  return { slack, teams };
}
