import type { Db } from '../../db/client.ts';
import { type Stamp, type TableName, stampKey } from './plan-repairs.ts';
import { slackPermalinkTime, slackTsTime } from './witnesses.ts';

/** How far the scan has read, in rows of all the tables checked. */
export interface ScanProgress {
  done: number;
  total: number;
  table: string;
}

export const repairAction = 'timestamp_repaired';
const pageSize = 5000;

async function readPaged<T extends { id: number }>(page: (after: number, take: number) => Promise<T[]>, read: (rows: number) => void): Promise<T[]> {
  const rows: T[] = [];
  for (let after = 0; ; ) {
    const batch = await page(after, pageSize);
    for (const row of batch) rows.push(row);
    read(batch.length);
    if (batch.length < pageSize) return rows;
    after = batch.at(-1)!.id;
  }
}

const paged = (after: number, take: number) => ({ where: { id: { gt: after } }, orderBy: { id: 'asc' as const }, take });

/** A stamp for a nullable column: none when the column is empty. */
function stamp(table: TableName, id: number, field: string, incidentId: number | null, at: Date | null, extra: Partial<Stamp> = {}): Stamp[] {
  return at ? [{ table, id, field, incidentId, value: at.getTime(), ...extra }] : [];
}

/** Creation times follow the ids: an autoincrement id is handed out in the order rows are written. */
const byId = (key: string, id: number) => ({ series: { key, order: id } });

/**
 * Reads every instant that records when something happened, in the order they are to be planned (an
 * instant is planned after those it is judged by). Maintenance.scheduledFor/Until, the nextAttemptAt
 * and claimedUntil of deliveries and jobs are left out: they are meant to lie in the future. The audit log is append-only, so a
 * correction of one of its rows is an appended `timestamp_repaired` entry: the row counts at its corrected time.
 */
export async function readStamps(p: Db, onProgress: (progress: ScanProgress) => void = () => undefined): Promise<Stamp[][]> {
  const counts = await Promise.all([
    p.timelineEntry.count(),
    p.incident.count(),
    p.publicDraft.count(),
    p.publication.count(),
    p.delivery.count(),
    p.deliveryAttempt.count(),
    p.chatRoom.count(),
    p.component.count(),
    p.channelSubscription.count(),
    p.webhookEndpoint.count(),
    p.emailSubscriber.count(),
    p.maintenance.count(),
    p.incidentRelation.count(),
    p.followUp.count(),
    p.incidentRole.count(),
    p.reminder.count(),
    p.auditLog.count(),
  ]);
  const total = counts.reduce((sum, n) => sum + n, 0);
  let done = 0;
  const progress = (table: string) => (rows: number) => {
    done += rows;
    onProgress({ done, total, table });
  };

  const timeline = await readPaged(
    (after, take) =>
      p.timelineEntry.findMany({
        ...paged(after, take),
        select: { id: true, incidentId: true, seq: true, kind: true, platform: true, text: true, occurredAt: true, recordedAt: true },
      }),
    progress('TimelineEntry'),
  );
  const firstEntry = new Map<number, { seq: number; id: number }>();
  const lastEntry = new Map<number, { seq: number; id: number }>();
  for (const { incidentId, seq, id } of timeline) {
    if ((firstEntry.get(incidentId)?.seq ?? Infinity) > seq) firstEntry.set(incidentId, { seq, id });
    if ((lastEntry.get(incidentId)?.seq ?? -Infinity) < seq) lastEntry.set(incidentId, { seq, id });
  }
  const entryKey = (entry: { id: number } | undefined) => (entry ? [stampKey('TimelineEntry', entry.id, 'recordedAt')] : []);
  const incidents = await readPaged(
    (after, take) =>
      p.incident.findMany({
        ...paged(after, take),
        select: { id: true, declaredAt: true, resolvedAt: true, impactStart: true, impactEnd: true, updatedAt: true },
      }),
    progress('Incident'),
  );
  const drafts = await readPaged(
    (after, take) => p.publicDraft.findMany({ ...paged(after, take), select: { id: true, incidentId: true, number: true, createdAt: true, decidedAt: true } }),
    progress('PublicDraft'),
  );
  const publications = await readPaged(
    (after, take) => p.publication.findMany({ ...paged(after, take), select: { id: true, incidentId: true, draftId: true, publishedAt: true } }),
    progress('Publication'),
  );
  const deliveries = await readPaged(
    (after, take) =>
      p.delivery.findMany({
        ...paged(after, take),
        select: { id: true, publicationId: true, target: true, externalId: true, createdAt: true, deliveredAt: true },
      }),
    progress('Delivery'),
  );
  const attempts = await readPaged(
    (after, take) => p.deliveryAttempt.findMany({ ...paged(after, take), select: { id: true, deliveryId: true, at: true } }),
    progress('DeliveryAttempt'),
  );
  const rooms = await readPaged(
    (after, take) => p.chatRoom.findMany({ ...paged(after, take), select: { id: true, incidentId: true, createdAt: true } }),
    progress('ChatRoom'),
  );
  const components = await readPaged(
    (after, take) => p.component.findMany({ ...paged(after, take), select: { id: true, createdAt: true, updatedAt: true } }),
    progress('Component'),
  );
  const channels = await readPaged(
    (after, take) => p.channelSubscription.findMany({ ...paged(after, take), select: { id: true, createdAt: true, updatedAt: true } }),
    progress('ChannelSubscription'),
  );
  const webhooks = await readPaged(
    (after, take) => p.webhookEndpoint.findMany({ ...paged(after, take), select: { id: true, createdAt: true, updatedAt: true } }),
    progress('WebhookEndpoint'),
  );
  const subscribers = await readPaged(
    (after, take) =>
      p.emailSubscriber.findMany({ ...paged(after, take), select: { id: true, createdAt: true, updatedAt: true, confirmedAt: true, unsubscribedAt: true } }),
    progress('EmailSubscriber'),
  );
  const maintenances = await readPaged(
    (after, take) => p.maintenance.findMany({ ...paged(after, take), select: { id: true, createdAt: true, updatedAt: true, cancelledAt: true } }),
    progress('Maintenance'),
  );
  const relations = await readPaged(
    (after, take) => p.incidentRelation.findMany({ ...paged(after, take), select: { id: true, incidentId: true, createdAt: true } }),
    progress('IncidentRelation'),
  );
  const followUps = await readPaged(
    (after, take) => p.followUp.findMany({ ...paged(after, take), select: { id: true, incidentId: true, createdAt: true, doneAt: true } }),
    progress('FollowUp'),
  );
  const roles = await readPaged(
    (after, take) => p.incidentRole.findMany({ ...paged(after, take), select: { id: true, incidentId: true, assignedAt: true } }),
    progress('IncidentRole'),
  );
  const reminders = await readPaged(
    (after, take) => p.reminder.findMany({ ...paged(after, take), select: { id: true, incidentId: true, remindedAt: true } }),
    progress('Reminder'),
  );
  const audit = await readPaged(
    (after, take) => p.auditLog.findMany({ ...paged(after, take), select: { id: true, at: true, incidentId: true, action: true, detail: true } }),
    progress('AuditLog'),
  );

  const incidentOfPublication = new Map(publications.map((row) => [row.id, row.incidentId]));
  const incidentOfDelivery = new Map(deliveries.map((row) => [row.id, incidentOfPublication.get(row.publicationId) ?? null]));
  const auditCorrections = new Map<number, Date>();
  for (const row of audit) {
    if (row.action !== repairAction) continue;
    const detail = JSON.parse(row.detail) as { table?: string; id?: number; field?: string; new?: string };
    if (detail.table === 'AuditLog' && typeof detail.id === 'number' && typeof detail.new === 'string') auditCorrections.set(detail.id, new Date(detail.new));
  }
  const own = (table: TableName, id: number, ...fields: string[]) => fields.map((field) => stampKey(table, id, field));
  /** updatedAt is at least the row's creation, and when nothing better tells, it is the latest change the row shows. */
  const updated = (table: TableName, id: number, at: Date, others: string[]) =>
    stamp(table, id, 'updatedAt', null, at, { notBefore: own(table, id, 'createdAt'), standIns: own(table, id, 'createdAt', ...others) });

  return [
    timeline.flatMap((row) =>
      stamp('TimelineEntry', row.id, 'recordedAt', row.incidentId, row.recordedAt, { series: { key: `timeline:${row.incidentId}`, order: row.seq } }),
    ),
    timeline.flatMap((row) => {
      // The message shortcut keeps Slack's permalink in the entry: its ts is when the message was said.
      const said = row.platform === 'slack' && row.kind === 'note' ? slackPermalinkTime(row.text) : null;
      const recorded = own('TimelineEntry', row.id, 'recordedAt');
      return stamp('TimelineEntry', row.id, 'occurredAt', row.incidentId, row.occurredAt, {
        notAfter: recorded,
        standIns: recorded,
        ...(said === null ? {} : { platform: { time: said, witness: 'Slack message ts (permalink)' } }),
      });
    }),
    incidents.flatMap((row) =>
      stamp('Incident', row.id, 'declaredAt', row.id, row.declaredAt, { ...byId('incidents', row.id), notAfter: entryKey(firstEntry.get(row.id)) }),
    ),
    incidents.flatMap((row) => stamp('Incident', row.id, 'resolvedAt', row.id, row.resolvedAt, { notBefore: own('Incident', row.id, 'declaredAt') })),
    incidents.flatMap((row) => stamp('Incident', row.id, 'impactStart', row.id, row.impactStart)),
    incidents.flatMap((row) => stamp('Incident', row.id, 'impactEnd', row.id, row.impactEnd, { notBefore: own('Incident', row.id, 'impactStart') })),
    incidents.flatMap((row) => {
      const last = entryKey(lastEntry.get(row.id));
      return stamp('Incident', row.id, 'updatedAt', row.id, row.updatedAt, {
        notBefore: [...own('Incident', row.id, 'declaredAt'), ...last],
        standIns: [...own('Incident', row.id, 'declaredAt', 'resolvedAt'), ...last],
      });
    }),
    drafts.flatMap((row) =>
      stamp('PublicDraft', row.id, 'createdAt', row.incidentId, row.createdAt, {
        series: { key: `drafts:${row.incidentId}`, order: row.number },
        notBefore: own('Incident', row.incidentId, 'declaredAt'),
      }),
    ),
    publications.flatMap((row) =>
      stamp('Publication', row.id, 'publishedAt', row.incidentId, row.publishedAt, {
        series: { key: `publications:${row.incidentId}`, order: row.id },
        notBefore: own('PublicDraft', row.draftId, 'createdAt'),
      }),
    ),
    drafts.flatMap((row) => stamp('PublicDraft', row.id, 'decidedAt', row.incidentId, row.decidedAt, { notBefore: own('PublicDraft', row.id, 'createdAt') })),
    deliveries.flatMap((row) =>
      stamp('Delivery', row.id, 'createdAt', incidentOfDelivery.get(row.id) ?? null, row.createdAt, {
        ...byId('deliveries', row.id),
        notBefore: own('Publication', row.publicationId, 'publishedAt'),
      }),
    ),
    deliveries.flatMap((row) => {
      // A customer-channel delivery keeps the ts of the message it posted: Slack's own record of when.
      const posted = row.target.startsWith('channel:') && row.externalId ? slackTsTime(row.externalId) : null;
      return stamp('Delivery', row.id, 'deliveredAt', incidentOfDelivery.get(row.id) ?? null, row.deliveredAt, {
        notBefore: own('Delivery', row.id, 'createdAt'),
        ...(posted === null ? {} : { platform: { time: posted, witness: 'Slack message ts (delivery)' } }),
      });
    }),
    attempts.flatMap((row) =>
      stamp('DeliveryAttempt', row.id, 'at', incidentOfDelivery.get(row.deliveryId) ?? null, row.at, {
        ...byId('delivery-attempts', row.id),
        notBefore: own('Delivery', row.deliveryId, 'createdAt'),
      }),
    ),
    rooms.flatMap((row) =>
      stamp('ChatRoom', row.id, 'createdAt', row.incidentId, row.createdAt, {
        ...byId('chat-rooms', row.id),
        notBefore: own('Incident', row.incidentId, 'declaredAt'),
      }),
    ),
    components.flatMap((row) => stamp('Component', row.id, 'createdAt', null, row.createdAt, byId('components', row.id))),
    components.flatMap((row) => updated('Component', row.id, row.updatedAt, [])),
    channels.flatMap((row) => stamp('ChannelSubscription', row.id, 'createdAt', null, row.createdAt, byId('channels', row.id))),
    channels.flatMap((row) => updated('ChannelSubscription', row.id, row.updatedAt, [])),
    webhooks.flatMap((row) => stamp('WebhookEndpoint', row.id, 'createdAt', null, row.createdAt, byId('webhooks', row.id))),
    webhooks.flatMap((row) => updated('WebhookEndpoint', row.id, row.updatedAt, [])),
    subscribers.flatMap((row) => stamp('EmailSubscriber', row.id, 'createdAt', null, row.createdAt, byId('subscribers', row.id))),
    subscribers.flatMap((row) => [
      ...stamp('EmailSubscriber', row.id, 'confirmedAt', null, row.confirmedAt, { notBefore: own('EmailSubscriber', row.id, 'createdAt') }),
      ...stamp('EmailSubscriber', row.id, 'unsubscribedAt', null, row.unsubscribedAt, { notBefore: own('EmailSubscriber', row.id, 'createdAt') }),
    ]),
    subscribers.flatMap((row) => updated('EmailSubscriber', row.id, row.updatedAt, ['confirmedAt', 'unsubscribedAt'])),
    maintenances.flatMap((row) => stamp('Maintenance', row.id, 'createdAt', null, row.createdAt, byId('maintenances', row.id))),
    maintenances.flatMap((row) => stamp('Maintenance', row.id, 'cancelledAt', null, row.cancelledAt, { notBefore: own('Maintenance', row.id, 'createdAt') })),
    relations.flatMap((row) =>
      stamp('IncidentRelation', row.id, 'createdAt', row.incidentId, row.createdAt, {
        ...byId('incident-relations', row.id),
        notBefore: own('Incident', row.incidentId, 'declaredAt'),
      }),
    ),
    followUps.flatMap((row) =>
      stamp('FollowUp', row.id, 'createdAt', row.incidentId, row.createdAt, {
        ...byId('follow-ups', row.id),
        notBefore: own('Incident', row.incidentId, 'declaredAt'),
      }),
    ),
    followUps.flatMap((row) => stamp('FollowUp', row.id, 'doneAt', row.incidentId, row.doneAt, { notBefore: own('FollowUp', row.id, 'createdAt') })),
    // A role handed over is rewritten in place: its rows are in no order of time.
    roles.flatMap((row) =>
      stamp('IncidentRole', row.id, 'assignedAt', row.incidentId, row.assignedAt, { notBefore: own('Incident', row.incidentId, 'declaredAt') }),
    ),
    reminders.flatMap((row) =>
      stamp('Reminder', row.id, 'remindedAt', row.incidentId, row.remindedAt, {
        ...byId('reminders', row.id),
        notBefore: own('Incident', row.incidentId, 'declaredAt'),
      }),
    ),
    maintenances.flatMap((row) => updated('Maintenance', row.id, row.updatedAt, ['cancelledAt'])),
    audit.flatMap((row) => stamp('AuditLog', row.id, 'at', row.incidentId, auditCorrections.get(row.id) ?? row.at, byId('audit', row.id))),
  ];
}
