import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { Tuning } from '../app.ts';
import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { createStatuspageClient } from '../delivery/statuspage-io/client.ts';
import { targetRegistry } from '../delivery/target.ts';
import { type ChannelPoster, channelParentTarget, customerChannelTarget } from '../delivery/targets/customer-channel.ts';
import { emailSubscriberTarget } from '../delivery/targets/email.ts';
import { statusPageTarget } from '../delivery/targets/status-page.ts';
import { statuspageIoTarget } from '../delivery/targets/statuspage-io.ts';
import { webhookTarget } from '../delivery/targets/webhook.ts';
import { templateFor } from '../i18n/report-templates.ts';
import { createDeliveryWorker } from '../delivery/worker.ts';
import type { Log } from '../log.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { MailSite } from '../mail/update-mail.ts';
import { createChannelDeliveries } from '../db/stores/channel-deliveries.ts';
import type { DomainEvent } from '../services/context.ts';
import { createEmailDeliveries } from '../db/stores/email-deliveries.ts';
import { createOutbox } from '../db/stores/outbox.ts';
import { pageOrderOf } from '../services/public-page/page-order.ts';
import { type RoomPlatform, deliveryFailedEvent, recordRoomWork } from '../services/room-work.ts';
import { createStatuspageLinks } from '../db/stores/statuspage-links.ts';
import { createWebhookDeliveries } from '../db/stores/webhook-deliveries.ts';
import type { createSnapshotStore } from '../status-page/snapshot-store.ts';
import type { Clock } from '../time/clock.ts';

/**
 * This replica's name, the same across its restarts: the host and its data directory, which admits
 * one process at a time (the console socket is its lock). A restarted process is its own successor.
 */
export function replicaOf(dataDir: string): string {
  return `${hostname()}:${createHash('sha256').update(dataDir).digest('hex').slice(0, 8)}`;
}

interface DeliveriesStep {
  config: AppConfig;
  db: Database;
  clock: Clock;
  log: Log;
  tuning: Tuning;
  snapshots: ReturnType<typeof createSnapshotStore>;
  mailer: Mailer | null;
  mailSite: () => MailSite;
  publicBaseUrl: () => string;
  roomPlatforms: RoomPlatform[];
  notify: (event: DomainEvent) => void;
}

/**
 * Where public updates go, and the worker that takes them there: the status page, customer channels
 * (through each platform's poster, put in `posters` once its adapter is built), webhooks, Atlassian
 * Statuspage and e-mail subscribers.
 */
export function buildDeliveries({ config, db, clock, log, tuning, snapshots, mailer, mailSite, publicBaseUrl, roomPlatforms, notify }: DeliveriesStep) {
  const posters: Record<string, ChannelPoster> = {};
  const statuspageInterval = tuning.statuspageIntervalMs === undefined ? {} : { minIntervalMs: tuning.statuspageIntervalMs };
  const statuspage = config.statuspage
    ? statuspageIoTarget({ links: createStatuspageLinks(db), client: createStatuspageClient({ ...config.statuspage, clock, ...statuspageInterval }), log })
    : null;
  const channelDeliveries = createChannelDeliveries(db);
  const targets = targetRegistry([
    statusPageTarget(snapshots),
    customerChannelTarget(channelDeliveries, posters),
    channelParentTarget(channelDeliveries, posters, (message) => log(`delivery: ${message}`)),
    webhookTarget({
      deliveries: createWebhookDeliveries(db, clock, pageOrderOf(config)),
      clock,
      settings: config.webhooks,
      publicBaseUrl,
      reportTitles: (lang) => templateFor(config.reports.templates, lang).titles,
    }),
    ...(statuspage ? [statuspage] : []),
    ...(mailer ? [emailSubscriberTarget(createEmailDeliveries(db), mailer, mailSite)] : []),
  ]);
  const worker = createDeliveryWorker({
    outbox: createOutbox(db, { abandonedIn: async (tx, deliveryId) => recordRoomWork(tx, roomPlatforms, [await deliveryFailedEvent(tx, deliveryId)]) }),
    clock,
    targets,
    log,
    onAbandoned: (deliveryId) => notify({ type: 'delivery_failed', deliveryId }),
    onSettled: (delivery) => notify({ type: 'delivery_changed', deliveryId: delivery.id, publicationId: delivery.publicationId }),
    leaseMs: config.deliveryLeaseMs,
    replica: replicaOf(config.dataDir),
  });
  return { worker, posters, deliveryTargets: ['status-page', ...(statuspage ? [statuspage.name] : [])] };
}
