/**
 * Follow-ups in a tracker (GitHub Issues, Jira Cloud, Linear): each one added is created there as an issue, by a job
 * recorded in the transaction that adds it, and linked both ways (tracker-changes.ts takes the
 * issue's closing and reopening back).
 */
import { z } from 'zod';
import type { Database, Tx } from '../../db/client.ts';
import { followUpId } from '../../domain/follow-up.ts';
import { incidentId } from '../../domain/incident.ts';
import { type IssueTracker, type TrackerKind, trackerNames } from '../../trackers/tracker.ts';
import type { Ctx } from '../context.ts';
import { type RoomPlatform, recordRoomWork } from '../room-work.ts';

export const trackerJobKind = (kind: TrackerKind) => `tracker.${kind}`;

const JobPayload = z.object({ followUp: z.number().int().positive() });

/** Records the creation of the follow-up's issue, in the transaction that adds the follow-up. */
export async function recordTrackerWork(tx: Tx, ctx: Pick<Ctx, 'config'>, followUp: number): Promise<void> {
  const kinds = (['github', 'jira', 'linear'] as const).filter((kind) => ctx.config.trackers[kind]);
  // A queue of its own: one follow-up's issue never waits behind another's.
  await tx.job.createMany({
    data: kinds.map((kind) => ({ kind: trackerJobKind(kind), queue: `tracker:${kind}:${followUp}`, payload: JSON.stringify({ followUp }) })),
  });
}

/** When creating an issue is given up, the incident's rooms are told, by room work recorded with the giving up. */
export async function recordGivenUpTrackerWork(tx: Tx, platforms: readonly RoomPlatform[], job: { kind: string; payload: string; lastError: string | null }) {
  const kind = job.kind.slice('tracker.'.length) as TrackerKind;
  const { followUp } = JobPayload.parse(JSON.parse(job.payload));
  const row = await tx.followUp.findUnique({ where: { id: followUp }, select: { incidentId: true } });
  if (!row || !(kind in trackerNames)) return;
  await recordRoomWork(tx, platforms, [
    {
      type: 'room_work_failed',
      incidentId: row.incidentId,
      what: `creating ${followUpId(followUp)}'s issue in ${trackerNames[kind]}`,
      reason: job.lastError ?? 'no reason given',
      outcome: 'The follow-up is kept here, with no issue there.',
    },
  ]);
}

/**
 * Creates the follow-up's issue and links it, once: a job tried before (`attempts` counts this one)
 * may have created it and lost the answer, so it first looks for the issue marked as the follow-up's.
 */
export async function createTrackerIssue(
  db: Database,
  tracker: IssueTracker,
  job: { payload: string; attempts: number },
  site: { publicBaseUrl(): string },
): Promise<void> {
  const { followUp: id } = JobPayload.parse(JSON.parse(job.payload));
  const row = await db.prisma.followUp.findUnique({ where: { id }, include: { incident: { include: { _count: { select: { publications: true } } } } } });
  if (!row || row.trackerKey !== null) return;
  // Updated since shortly before the follow-up was added (the two clocks may differ a little).
  const since = new Date(row.createdAt.getTime() - 60 * 60 * 1000);
  const title = titleOf(row.text, tracker.titleLimit);
  const issue =
    (job.attempts > 1 ? await tracker.find(followUpId(id), since) : null) ??
    (await tracker.create({ title, lines: issueLines(row, title !== row.text, site), followUp: followUpId(id) }));
  await db.prisma.followUp.updateMany({ where: { id, trackerKey: null }, data: { trackerKind: tracker.kind, trackerKey: issue.key, trackerUrl: issue.url } });
}

/** The text as the title, cut to what the tracker takes; a cut one's text is whole in the body. */
const titleOf = (text: string, limit: number) => ([...text].length <= limit ? text : `${[...text].slice(0, limit - 1).join('')}…`);

interface BodySource {
  id: number;
  text: string;
  ownerName: string | null;
  due: string | null;
  public: boolean;
  incident: { id: number; title: string; _count: { publications: number } };
}

/** The issue's body, line by line: the incident it follows (on the status page once published there), owner, due day. */
function issueLines(row: BodySource, cut: boolean, site: { publicBaseUrl(): string }): string[] {
  const incident = incidentId(row.incident.id);
  const onPage = row.incident._count.publications > 0 ? ` (${site.publicBaseUrl()}/incidents/${incident})` : '';
  return [
    `Follow-up ${followUpId(row.id)} of ${incident} ${row.incident.title}${onPage}, from crisisroom.`,
    ...(cut ? [row.text] : []),
    `Owner: ${row.ownerName ?? 'none'}. Due: ${row.due ?? 'no due day'}. Public: ${row.public ? 'named in the customer incident report' : 'no'}.`,
    'Closing this issue marks the follow-up done in crisisroom; reopening it opens it again.',
  ];
}
