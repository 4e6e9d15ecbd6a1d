import { mkdir } from 'node:fs/promises';
import type { Server as NetServer } from 'node:net';
import { type AppConfig, maskedSmtpUrl } from './config.ts';
import { handleCommand } from './chat/handle-command.ts';
import type { ConsoleRequest } from './chat/console/protocol.ts';
import { socketPathIn } from './chat/console/protocol.ts';
import { claimConsoleSocket, startConsoleServer } from './chat/console/server.ts';
import { createCardProgress } from './chat/card-progress.ts';
import { createWorkLoop } from './delivery/worker.ts';
import { PermanentDeliveryError } from './delivery/target.ts';
import { type Job, createJobStore } from './db/stores/jobs.ts';
import { smtpMailer } from './mail/mailer.ts';
import { reportTitlesOf } from './i18n/report-templates.ts';
import type { Log } from './log.ts';
import type { Services } from './services/context.ts';
import { loadPublicSnapshot } from './services/public-page/load-public-snapshot.ts';
import { type RoomPlatform, recordGivenUpRoomWork, recordRoomWorkNow, roomEventsOf } from './services/room-work.ts';
import { createPublicationDrafts } from './services/draft/get-deliveries.ts';
import { createTrackerIssue, recordGivenUpTrackerWork, trackerJobKind } from './services/followup/tracker-issues.ts';
import { recordOverdueReminders } from './services/followup/overdue-reminders.ts';
import { recordCadenceReminders } from './services/cadence/cadence-reminders.ts';
import { rebuildAtMaintenanceBoundaries } from './status-page/maintenance-timer.ts';
import { createSnapshotStore } from './status-page/snapshot-store.ts';
import type { Clock } from './time/clock.ts';
import { configuredTracker } from './trackers/configured.ts';
import { openStore } from './app/database.ts';
import { buildDeliveries, replicaOf } from './app/deliveries.ts';
import { buildPlatforms } from './app/platforms.ts';
import { serveHttp } from './app/http.ts';
import { every } from './app/periodic.ts';

/** Network tuning that tests shorten; production keeps the defaults. */
export interface Tuning {
  slackRetries?: number;
  slackTimeoutMs?: number;
  /** Bot Connector request timeout. */
  teamsTimeoutMs?: number;
  socketModeApiUrl?: string;
  /** The least time between two edits of an approval card as its deliveries progress. */
  cardRefreshMs?: number;
  /** Spacing of Atlassian Statuspage requests (its limit is about one per second per key). */
  statuspageIntervalMs?: number;
  /** How often work found by looking (reminders of the update cadence, overdue follow-ups) is looked for. */
  remindersIntervalMs?: number;
}

/**
 * One crisisroom process: database (migrated), status page snapshot, delivery worker, HTTP server
 * and the console socket. Returned so the entry point (or a test) can talk to it and stop it.
 */
export async function startApp(config: AppConfig, clock: Clock, log: Log, tuning: Tuning = {}) {
  await mkdir(config.dataDir, { recursive: true, mode: 0o700 });
  const socketPath = socketPathIn(config.dataDir);
  await claimConsoleSocket(socketPath);

  const { db, verified, addComponents } = await openStore(config, clock, log);
  // Components left out while the clock was refused are added, and shown, as soon as it is trusted.
  verified?.onTrustChange((trust) => {
    if (trust.trusted)
      void addComponents()
        .then(() => snapshots.rebuild())
        .catch((error: unknown) => log('adding components failed', error));
  });
  let publicBaseUrl = config.publicBaseUrl ?? '';
  const mailer = config.smtp ? smtpMailer(config.smtp) : null;
  if (config.smtp) log(`e-mail updates: through ${maskedSmtpUrl(config.smtp.url)} from ${config.smtp.from}`);
  const mailSite = () => ({
    name: config.statusPage.name,
    url: publicBaseUrl,
    languages: config.statusPage.languages,
    timeZone: config.statusPage.timeZone,
    reportTitles: reportTitlesOf(config),
  });
  const snapshots = createSnapshotStore(() => loadPublicSnapshot(db, clock, { ...config, publicBaseUrl, emailSubscriptions: mailer !== null }));
  // The platforms whose crisis rooms are kept as durable work (see services/room-work.ts).
  const roomPlatforms: RoomPlatform[] = [...(config.slackCredentials ? (['slack'] as const) : []), ...(config.teamsCredentials ? (['teams'] as const) : [])];
  // The platforms with an operations channel to tell when the clock stops, or starts again, being trusted.
  const operationsPlatforms = roomPlatforms.filter((platform) => (platform === 'slack' ? config.operations.slackChannel : config.operations.teamsChannel));
  const deliveries = { config, db, clock, log, tuning, snapshots, mailer, mailSite, roomPlatforms, publicBaseUrl: () => publicBaseUrl };
  const { worker, posters, deliveryTargets } = buildDeliveries({ ...deliveries, notify: (event) => services.notify(event) });
  // Work recorded to be done once (a command acknowledged to Slack), by the handler of its kind.
  const jobHandlers: Record<string, (job: Job) => Promise<void>> = {};
  const jobConcurrency = 8;
  const jobs = createWorkLoop<Job>({
    name: 'jobs',
    store: createJobStore(db, {
      abandonedIn: (tx, job) => (job.kind.startsWith('tracker.') ? recordGivenUpTrackerWork(tx, roomPlatforms, job) : recordGivenUpRoomWork(tx, job)),
    }),
    describe: (job) => `job ${job.id} (${job.kind})`,
    perform: async (job) => {
      const handler = jobHandlers[job.kind];
      if (!handler) throw new PermanentDeliveryError(`no handler for jobs of kind ${job.kind}`);
      await handler(job);
    },
    clock,
    log,
    concurrency: jobConcurrency,
    leaseMs: config.deliveryLeaseMs,
    replica: replicaOf(config.dataDir),
    claimWhileUntrusted: true,
  });
  const services: Services = {
    db,
    clock,
    config,
    deliveryTargets,
    emailUpdates: mailer !== null,
    roomPlatforms,
    notify: (event) => {
      if (event.type === 'publication_created') void worker.wake();
      // The change recorded its room work with it; the job loop takes it up now rather than at its next poll.
      if (roomPlatforms.length > 0 && (roomEventsOf([event]).length > 0 || event.type === 'delivery_failed')) void jobs.wake();
      // A follow-up added recorded its tracker issue's creation with it.
      else if ((config.github || config.jira || config.linear) && event.type === 'incident_changed') void jobs.wake();
      if (event.type === 'clock_trust_changed' && operationsPlatforms.length > 0)
        void recordRoomWorkNow(db, operationsPlatforms, event).then(
          () => jobs.wake(),
          (error: unknown) => log('rooms: recording a notice for operations failed', error),
        );
      if (event.type === 'delivery_changed' && roomPlatforms.length > 0) cardProgress.deliveryChanged(event.publicationId);
      if (event.type === 'maintenance_changed' || event.type === 'relation_changed') void snapshots.rebuild();
    },
  };
  const cardProgress = createCardProgress({
    draftOfPublication: createPublicationDrafts(db),
    log,
    ...(tuning.cardRefreshMs === undefined ? {} : { refreshMs: tuning.cardRefreshMs }),
    record: async (event) => {
      await recordRoomWorkNow(db, roomPlatforms, event);
      void jobs.wake();
    },
  });
  const tracker = configuredTracker(config, () => clock.now());
  if (tracker) jobHandlers[trackerJobKind(tracker.kind)] = (job) => createTrackerIssue(db, tracker, job, { publicBaseUrl: () => publicBaseUrl });
  const platforms = { config, db, services, clock, log, tuning, posters, jobHandlers, publicBaseUrl: () => publicBaseUrl };
  const { slack, teams } = await buildPlatforms({ ...platforms, jobs: { concurrency: jobConcurrency, wake: () => void jobs.wake() } });

  const runConsoleLine = ({ user, line, timeZone }: ConsoleRequest) =>
    handleCommand(
      {
        ctx: { ...services, actor: { platform: 'console', id: user, name: user, ...(timeZone ? { timeZone } : {}) } },
        resolveUser: async (token) => ({ id: token.replace(/^@/, ''), name: token.replace(/^@/, '') }),
        log,
      },
      line,
    );

  // Until the first snapshot is built the page cannot answer, and /readyz says so.
  let snapshotBuilt = false;
  const served = { config, db, services, clock, verified, log, snapshots, mailer, mailSite, slack, teams, publicBaseUrl: () => publicBaseUrl };
  const { http, port, host } = await serveHttp({ ...served, pageBuilt: () => snapshotBuilt });
  const shownHost = ['0.0.0.0', '[::]'].includes(host) ? 'localhost' : host;
  publicBaseUrl ||= `http://${shownHost}:${port}`;
  await snapshots.rebuild();
  snapshotBuilt = true;
  const boundaries = rebuildAtMaintenanceBoundaries(snapshots, clock, log);
  verified?.onTrustChange((trust, offsetMs) => services.notify({ type: 'clock_trust_changed', trust, offsetMs }));
  // The first check ran before anyone could be told: a clock refused from the start is reported now.
  const trust = clock.trust();
  if (!trust.trusted) services.notify({ type: 'clock_trust_changed', trust, offsetMs: verified?.status().offsetMs ?? null });
  verified?.start();
  await worker.start();
  await jobs.start();
  const reminders = every(
    'looking for reminders due',
    tuning.remindersIntervalMs ?? 60_000,
    async () => {
      const reminded = [
        ...(await recordCadenceReminders({ db, clock, config, roomPlatforms })),
        ...(await recordOverdueReminders({ db, clock, config, roomPlatforms })),
      ];
      if (reminded.length > 0) void jobs.wake();
    },
    log,
  );
  const consoleServer: NetServer = await startConsoleServer(socketPath, runConsoleLine, log);

  return {
    port,
    url: `http://${host}:${port}`,
    /** The database, for the operator tools and tests that read what was stored. */
    db,
    publicBaseUrl,
    runConsoleLine,
    slack,
    teams,
    /** Resolves once queued chat-platform work and pending deliveries have run (for tests and shutdown). */
    async settle(): Promise<void> {
      await jobs.wake();
      await teams?.idle();
      await slack?.idle();
      await worker.wake();
      await slack?.idle();
      await teams?.idle();
      await cardProgress.idle();
      // Room work the deliveries caused: failures to tell of, cards to show progress on.
      await jobs.wake();
    },
    async stop(): Promise<void> {
      await new Promise((resolve) => consoleServer.close(resolve));
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
      boundaries.stop();
      await reminders.stop();
      verified?.stop();
      await slack?.stop();
      await jobs.stop();
      await worker.stop();
      mailer?.close();
      await db.close();
    },
  };
}
