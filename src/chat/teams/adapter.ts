import type { IncomingMessage, ServerResponse } from 'node:http';
import { PUBLIC } from '@microsoft/teams.api';
import { App, type HttpRouteHandler, type IHttpServerAdapter } from '@microsoft/teams.apps';
import type { ILogger } from '@microsoft/teams.common';
import type { TeamsSettings } from '../../config.ts';
import type { Log } from '../../log.ts';
import type { Services } from '../../services/context.ts';
import type { Job } from '../../db/stores/jobs.ts';
import { roomJobKind } from '../../services/room-work.ts';
import type { RoomStore } from '../../db/stores/rooms.ts';
import type { Clock } from '../../time/clock.ts';
import { createRateWindows } from '../rate-windows.ts';
import { createBotTokens } from './bot-token.ts';
import { connectorHttp } from './connector-http.ts';
import { createApprovalCards } from './approval-cards.ts';
import { registerCardListeners } from './listeners/cards.ts';
import { registerMessageListener } from './listeners/message.ts';
import { registerTimelineAction } from './listeners/timeline-action.ts';
import { createTeamsOutbound } from './outbound.ts';
import { createActivityVerifier, tenantOf } from './verify-activity.ts';

export const messagingEndpoint = '/api/messages';

export interface TeamsAdapterOptions {
  settings: TeamsSettings;
  services: Services;
  rooms: RoomStore;
  clock: Clock;
  log: Log;
  /** Bot Connector request timeout; tests lower it. */
  connectorTimeoutMs?: number;
  /** The status page's address, for links in crisis rooms and customer posts. */
  publicBaseUrl?: () => string;
  /** The Teams channel told when the clock stops, or starts again, being trusted. */
  operationsChannel?: string;
}

/** The SDK's logger, speaking through the operator log at warning level and above (lower levels print payloads). */
function sdkLogger(log: Log): ILogger {
  const logger: ILogger = {
    debug: () => {},
    info: () => {},
    trace: () => {},
    warn: (...messages: unknown[]) => log(`teams: ${messages.map(String).join(' ')}`),
    error: (...messages: unknown[]) => log('teams: error', messages.length === 1 ? messages[0] : messages.map(String).join(' ')),
    log: (level, ...messages) => (level === 'error' || level === 'warn' ? logger[level](...messages) : undefined),
    child: () => logger,
  };
  return logger;
}

/**
 * crisisroom's Teams bot: the Teams SDK's App, fed by the shared HTTP server at /api/messages.
 *
 * The SDK validates inbound tokens against fixed Microsoft addresses and the machine's clock, so
 * crisisroom validates them itself (verify-activity.ts: the configured OpenID document, the verified
 * clock) and hands the SDK only activities that passed, through its transport seam for
 * pre-authenticated requests. Nothing reaches the SDK any other way; there is no switch to skip this.
 */
export async function createTeamsAdapter(options: TeamsAdapterOptions) {
  const { settings, clock, log } = options;
  const verify = createActivityVerifier({ appId: settings.appId, openIdMetadataUrl: settings.openIdMetadataUrl, clock });
  const tokens = createBotTokens({ tokenUrl: settings.tokenUrl, appId: settings.appId, appPassword: settings.appPassword, clock });
  // One count per conversation of everything crisisroom sends there: answers to commands and room work alike.
  const windows = createRateWindows();
  let handler: HttpRouteHandler | null = null;
  const transport: IHttpServerAdapter = {
    registerRoute: (_method, path, registered) => {
      if (path === messagingEndpoint) handler = registered;
    },
  };
  const app = new App({
    clientId: settings.appId,
    tenantId: settings.tenantIds[0]!,
    token: (scope) => tokens.get(Array.isArray(scope) ? scope[0] : scope),
    serviceUrl: settings.serviceUrl,
    httpServerAdapter: transport,
    dangerouslyAllowUnauthenticatedRequests: false,
    client: connectorHttp(clock, windows, options.connectorTimeoutMs === undefined ? {} : { timeoutMs: options.connectorTimeoutMs }),
    logger: sdkLogger(log),
    cloud: { ...PUBLIC, graphScope: `${settings.graphApiUrl}/.default` },
    messagingEndpoint,
  });
  registerMessageListener(app, { services: options.services, rooms: options.rooms, clock, log });
  registerTimelineAction(app, { services: options.services, rooms: options.rooms, clock, log });
  const approvals = createApprovalCards({ api: app.api, rooms: options.rooms, services: options.services, log });
  registerCardListeners(app, { services: options.services, rooms: options.rooms, clock, log, cards: approvals });
  const outbound = createTeamsOutbound({
    settings,
    services: options.services,
    rooms: options.rooms,
    tokens,
    clock,
    log,
    publicBaseUrl: options.publicBaseUrl ?? (() => ''),
    cards: approvals,
    windows,
    ...(options.operationsChannel ? { operationsChannel: options.operationsChannel } : {}),
    ...(options.connectorTimeoutMs === undefined ? {} : { timeoutMs: options.connectorTimeoutMs }),
  });
  await app.initialize();
  const allowedTenants = new Set(settings.tenantIds.map((tenant) => tenant.toLowerCase()));

  const working = new Set<Promise<void>>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const verdict = await verify(req);
    if (!verdict.ok) {
      log(`teams: refused a request to ${messagingEndpoint}: ${verdict.message}`);
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${verdict.message}\n`);
      return;
    }
    const { activity, body, claims } = verdict;
    const tenant = tenantOf(activity);
    if (!tenant || !allowedTenants.has(tenant.toLowerCase())) {
      // Answered as accepted so Teams does not redeliver it; nothing is done and the operator is told.
      log(`teams: ignored a ${activity.type} activity from tenant ${tenant ?? '(none)'}, which TEAMS_TENANT_ID does not allow`);
      res.writeHead(200).end();
      return;
    }
    if (!handler) throw new Error('the Teams SDK registered no messaging route');
    const answer = await handler({
      body,
      headers: req.headers as Record<string, string | string[]>,
      token: {
        appId: typeof claims.appid === 'string' ? claims.appid : settings.appId,
        from: 'azure',
        fromId: claims.sub ?? '',
        serviceUrl: activity.serviceUrl,
        isExpired: () => false,
      },
    });
    if (answer.body === undefined) res.writeHead(answer.status).end();
    else res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
  }

  return {
    api: app.api,
    /** The job loop's handler of Teams' room work. */
    jobHandlers: { [roomJobKind('teams')]: (job: Job) => outbound.roomWork.perform(job) },
    /** The customer-channel poster of the delivery worker. */
    poster: outbound.poster,
    /** Resolves once no activity is still being handled. */
    async idle(): Promise<void> {
      while (working.size > 0) await Promise.allSettled(working);
    },
    /** The POST /api/messages route of the shared HTTP server. */
    route(req: IncomingMessage, res: ServerResponse): boolean {
      if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://localhost').pathname !== messagingEndpoint) return false;
      const run = handle(req, res).catch((error: unknown) => {
        log('teams: handling an activity failed', error);
        if (!res.headersSent) res.writeHead(500).end();
      });
      working.add(run);
      void run.finally(() => working.delete(run));
      return true;
    },
  };
}

export type TeamsAdapter = Awaited<ReturnType<typeof createTeamsAdapter>>;
