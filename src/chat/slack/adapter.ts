import type { IncomingMessage, ServerResponse } from 'node:http';
import { App, HTTPReceiver, LogLevel, type Logger } from '@slack/bolt';
import type { SlackCredentials } from '../../config.ts';
import type { Log } from '../../log.ts';
import type { Services } from '../../services/context.ts';
import type { RoomStore } from '../../db/stores/rooms.ts';
import type { Clock } from '../../time/clock.ts';
import { WebClient } from '@slack/web-api';
import { createTurns } from '../../delivery/turns.ts';
import { slackChannelPoster } from './channel-poster.ts';
import type { SlackDeps } from './deps.ts';
import { createSlackIdentity } from './identity.ts';
import { answerCommand, registerIncidentCommand } from './listeners/command.ts';
import { commandJobKind, createCommandJobs } from './command-jobs.ts';
import type { Job, JobStore } from '../../db/stores/jobs.ts';
import { registerDeclareAndTimeline } from './listeners/declare-and-timeline.ts';
import { registerDecisionActions } from './listeners/decisions.ts';
import { registerCadenceActions } from './listeners/cadence.ts';
import { createSlackRoomWork } from './room-work.ts';
import { createPace } from '../pace.ts';
import { roomJobKind } from '../../services/room-work.ts';
import { verifySlackRequest } from './verify-request.ts';

export interface SlackAdapterOptions {
  credentials: SlackCredentials;
  services: Services;
  rooms: RoomStore;
  clock: Clock;
  log: Log;
  publicBaseUrl(): string;
  /** Web API retries and request timeout; tests lower them. */
  slackRetries?: number;
  slackTimeoutMs?: number;
  /** Where the Socket Mode client asks for its connection, when not SLACK_API_URL (tests). */
  socketModeApiUrl?: string;
  operationsChannel?: string;
  /** Where slash commands are recorded before they are acknowledged, and the loop that does them. */
  jobs: { store: JobStore; concurrency: number; wake(): void };
}

/** Bolt's logger, speaking through the operator log; never at debug level, which would print payloads. */
function boltLogger(log: Log): Logger {
  let level = LogLevel.WARN;
  return {
    debug: () => {},
    info: () => {},
    warn: (...messages: unknown[]) => log(`slack: ${messages.map(String).join(' ')}`),
    error: (...messages: unknown[]) => log('slack: error', messages.length === 1 ? messages[0] : messages.map(String).join(' ')),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

/**
 * crisisroom's Slack app: Bolt's HTTP receiver mounted on the shared HTTP server at /slack/events,
 * the listeners, the crisis-room sync and the customer-channel poster.
 */
export async function createSlackAdapter(options: SlackAdapterOptions) {
  const { credentials, clock, log } = options;
  const logger = boltLogger(log);
  const clientOptions = {
    slackApiUrl: credentials.apiUrl,
    timeout: options.slackTimeoutMs ?? 10_000,
    retryConfig: { retries: options.slackRetries ?? 5, factor: 2, minTimeout: 500, maxTimeout: 30_000, randomize: true },
  };
  // With an app-level token Slack delivers everything over a WebSocket the app opens itself: no
  // public address is needed. Without one, Bolt's HTTP receiver sits on the shared server.
  const receiver = credentials.appToken
    ? null
    : new HTTPReceiver({ signingSecret: credentials.signingSecret ?? '', endpoints: '/slack/events', logger, signatureVerification: false });
  const app = receiver
    ? new App({ token: credentials.botToken, receiver, logger, deferInitialization: true, clientOptions })
    : new App({
        token: credentials.botToken,
        appToken: credentials.appToken!,
        socketMode: true,
        logger,
        deferInitialization: true,
        clientOptions,
        // A separate object: the socket client rewrites the retry settings of the options it is given.
        installerOptions: { clientOptions: { slackApiUrl: options.socketModeApiUrl ?? credentials.apiUrl } },
      });
  await app.init();
  const auth = await app.client.auth.test();
  const teamId = auth.team_id!;
  const botUserId = auth.user_id!;

  // Listeners go on working after their ack; they are counted so a shutdown (or a test) can wait for them.
  const working = new Set<Promise<void>>();
  app.use(async ({ next }) => {
    const run = next();
    working.add(run);
    try {
      await run;
    } finally {
      working.delete(run);
    }
  });

  const identity = createSlackIdentity(app.client, () => teamId, clock);
  const commands = createCommandJobs({
    services: options.services,
    jobs: options.jobs.store,
    clock,
    limit: options.services.config.slack.queuedCommandsLimit,
    concurrency: options.jobs.concurrency,
    wake: options.jobs.wake,
    timeoutMs: clientOptions.timeout,
  });
  const deps: SlackDeps = {
    services: options.services,
    rooms: options.rooms,
    identity,
    client: app.client,
    clock,
    log,
    publicBaseUrl: options.publicBaseUrl,
    commands,
  };
  registerIncidentCommand(app, deps);
  registerDecisionActions(app, deps);
  registerCadenceActions(app, deps);
  registerDeclareAndTimeline(app, deps);
  if (!receiver) await app.start();
  // Customer posts and room work retry through their work loops, never inside the client: a call
  // whose answer was lost must not be repeated blindly (see channel-poster.ts and room-work.ts).
  const durableClient = new WebClient(credentials.botToken, {
    slackApiUrl: credentials.apiUrl,
    timeout: clientOptions.timeout,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger,
  });
  // No second ever holds more posts than the workspace allows (see pace.ts).
  const pace = createPace(options.services.config.slack.postsPerSecond);
  const roomWork = createSlackRoomWork({
    client: durableClient,
    posts: pace,
    rooms: options.rooms,
    services: options.services,
    clock,
    log,
    botUserId: () => botUserId,
    publicBaseUrl: options.publicBaseUrl,
    ...(options.operationsChannel ? { operationsChannel: options.operationsChannel } : {}),
  });
  const layout = options.services.config.components.flatMap((group) => group.items.map((name) => ({ group: group.group ?? null, name })));

  return {
    teamId,
    botUserId,
    poster: slackChannelPoster({
      client: durableClient,
      pace,
      editTurns: createTurns(options.services.config.slack.parentEditsPerMinute),
      components: () => layout,
      publicBaseUrl: options.publicBaseUrl,
    }),
    /** The job loop's handlers of Slack's kinds of job. */
    jobHandlers: {
      [commandJobKind]: (job: Job) => commands.perform(job, (command) => answerCommand(deps, command)),
      [roomJobKind('slack')]: (job: Job) => roomWork.perform(job),
    },
    mode: receiver ? ('http' as const) : ('socket' as const),
    async stop(): Promise<void> {
      if (!receiver) await app.stop();
    },
    /** Resolves once no listener is still working. */
    async idle(): Promise<void> {
      while (working.size > 0) await Promise.allSettled(working);
    },
    /**
     * The /slack/events route. Every request is verified here, against the verified clock, before
     * Bolt sees it (its own check, judged by the machine's clock, is therefore off; see verify-request.ts).
     */
    route(req: IncomingMessage, res: ServerResponse): boolean {
      if (!receiver || new URL(req.url ?? '/', 'http://localhost').pathname !== '/slack/events') return false;
      void (async () => {
        const verdict = await verifySlackRequest(req, credentials.signingSecret ?? '', clock);
        if (!verdict.ok) {
          res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`${verdict.message}\n`);
          return;
        }
        // Bolt reads a body already buffered here instead of the spent stream.
        Object.assign(req, { rawBody: verdict.body });
        await receiver.requestListener(req, res);
      })().catch((error: unknown) => {
        log('slack: handling a request failed', error);
        if (!res.headersSent) res.writeHead(500).end();
      });
      return true;
    },
  };
}

export type SlackAdapter = Awaited<ReturnType<typeof createSlackAdapter>>;
