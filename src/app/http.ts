import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SlackAdapter } from '../chat/slack/adapter.ts';
import type { TeamsAdapter } from '../chat/teams/adapter.ts';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { metricsRoute } from '../http/metrics.ts';
import { checkReadiness, createHttpServer } from '../http/server.ts';
import type { Log } from '../log.ts';
import type { Mailer } from '../mail/mailer.ts';
import { emailSubscriptionDesk } from '../mail/subscription-flow.ts';
import type { MailSite } from '../mail/update-mail.ts';
import type { Services } from '../services/context.ts';
import { scrapeFigures } from '../services/metrics/scrape-figures.ts';
import { databaseHistory } from '../services/public-page/load-history.ts';
import { createFeedHandler } from '../status-page/feed-routes.ts';
import { createStatusPageHandler } from '../status-page/routes.ts';
import type { createSnapshotStore } from '../status-page/snapshot-store.ts';
import { createSubscribeHandler } from '../status-page/subscribe-routes.ts';
import type { Clock } from '../time/clock.ts';
import type { VerifiedClock } from '../time/verified-clock.ts';
import { trackerRoutes } from './tracker-routes.ts';

interface HttpStep {
  config: AppConfig;
  db: Database;
  services: Services;
  clock: Clock;
  verified: VerifiedClock | null;
  log: Log;
  snapshots: ReturnType<typeof createSnapshotStore>;
  mailer: Mailer | null;
  mailSite: () => MailSite;
  slack: SlackAdapter | null;
  teams: TeamsAdapter | null;
  publicBaseUrl: () => string;
  /** Whether the status page has its first snapshot: until then /readyz says it is starting. */
  pageBuilt: () => boolean;
}

/**
 * One HTTP server for everything: metrics, the platforms' endpoints, the status page, its feeds and,
 * with e-mail updates, its subscription forms. Listening once this resolves.
 */
export async function serveHttp(step: HttpStep): Promise<{ http: HttpServer; port: number; host: string }> {
  const { config, db, services, clock, log, snapshots, mailer, slack, teams, publicBaseUrl } = step;
  const snapshot = () => snapshots.current();
  const http = createHttpServer({
    routes: [
      metricsRoute(
        () => step.verified?.status() ?? null,
        () => scrapeFigures({ db, clock }),
      ),
      ...(slack ? [slack.route] : []),
      ...(teams ? [teams.route] : []),
      ...trackerRoutes(config, services, clock),
      createStatusPageHandler({ snapshot, history: databaseHistory(db, clock, config) }),
      createFeedHandler(snapshot),
      ...(mailer ? [createSubscribeHandler({ snapshot, desk: emailSubscriptionDesk(services, mailer, step.mailSite, log), clock, publicBaseUrl })] : []),
    ],
    readiness: async () => (step.pageBuilt() ? checkReadiness(db.ping, clock.trust) : { ready: false, reason: 'starting: the status page is being built' }),
    log,
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, resolve);
  });
  const { port } = http.address() as AddressInfo;
  return { http, port, host: config.host.includes(':') ? `[${config.host}]` : config.host };
}
