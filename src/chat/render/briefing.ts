import { followUpId } from '../../domain/follow-up.ts';
import { draftId, impactOf, incidentId } from '../../domain/incident.ts';
import { relationWords } from '../../domain/relation.ts';
import type { getBriefing } from '../../services/queries.ts';
import { formatAgo, formatDateTime, formatDuration } from '../../time/format.ts';
import { followUpDetails } from './follow-ups.ts';
import { earlierLine, recentLines } from './replies.ts';

type Briefing = Awaited<ReturnType<typeof getBriefing>>;

/** The incident at a glance: what the pinned briefing of a crisis room shows. */
export function renderBriefing(
  { incident, now, components, pendingDrafts, latestPublication, roomWork, related, followUps, suggested, roles }: Briefing,
  zone: string,
): string {
  const declared = `${formatDateTime(incident.declaredAt, zone)} (${formatAgo(incident.declaredAt, now, 'en')})`;
  const resolved = incident.resolvedAt
    ? ` · Resolved: ${formatDateTime(incident.resolvedAt, zone)}, after ${formatDuration(incident.resolvedAt.getTime() - incident.declaredAt.getTime())}`
    : '';
  const impact = incident.impactStart
    ? `${formatDateTime(incident.impactStart, zone)} → ${incident.impactEnd ? formatDateTime(incident.impactEnd, zone) : 'ongoing'}`
    : 'not set';
  const lines = [
    `${incidentId(incident.id)}: ${incident.title}`,
    `Status: ${incident.status} · SEV${incident.severity} (${impactOf(incident.severity)}) · Commander: ${incident.commanderName}`,
    ...(roles.length > 0 ? [roles.map((role) => `${capitalized(role.title)}: ${role.holder?.personName ?? 'nobody'}`).join(' · ')] : []),
    `Declared: ${declared}${resolved}`,
    `Components: ${components.length > 0 ? components.map((c) => `${c.componentName} (${c.state})`).join(', ') : 'none named'}`,
    `Customer impact: ${impact}`,
    latestPublication
      ? `Latest public update (${latestPublication.status}, ${formatDateTime(latestPublication.publishedAt, zone)}): ${latestPublication.body}`
      : 'Latest public update: none published yet',
  ];
  for (const draft of pendingDrafts) lines.push(`Awaiting approval: ${draftId(draft.number)} (${draft.status}) by ${draft.authorName}: ${draft.body}`);
  const listed = briefingLists({ now, related, followUps, suggested }, zone);
  for (const line of listed.related) lines.push(`Related: ${line}`);
  lines.push(...recentLines({ id: incident.id, recent: suggested }, zone));
  if (followUps.length > 0) lines.push(`Open follow-ups: ${followUps.length}`);
  for (const line of listed.followUps) lines.push(`  ${line}`);
  for (const work of roomWork) lines.push(`Room work: ${roomWorkLine(work, now)}`);
  return lines.join('\n');
}

/** "communications lead" → "Communications lead": a role's title at the head of a line or a field. */
export const capitalized = (title: string) => title.charAt(0).toUpperCase() + title.slice(1);

/** The related incidents, open follow-ups and incidents offered to relate, as plain lines for a room's briefing. */
export function briefingLists({ now, related, followUps, suggested }: Pick<Briefing, 'now' | 'related' | 'followUps' | 'suggested'>, zone: string) {
  return {
    related: related.map((other) => relatedLine(other, zone)),
    followUps: followUps.map((row) => `${followUpId(row.id)} ${row.text} · ${followUpDetails(row, now, zone)}`),
    suggested: suggested.map((other) => ({ id: other.id, line: earlierLine(other, zone) })),
  };
}

/** "recurrence of INC-3 Database failover (declared 2021-09-10 10:00 GMT-03:00, resolved)". */
function relatedLine(other: Briefing['related'][number], zone: string): string {
  const state = other.resolvedAt ? `, resolved ${formatDateTime(other.resolvedAt, zone)}` : ', open';
  return `${relationWords(other.kind, other.direction)} ${incidentId(other.id)} ${other.title} (declared ${formatDateTime(other.declaredAt, zone)}${state})`;
}

const platformNames = { slack: 'Slack', teams: 'Teams' } as const;

/** "Slack: opening the crisis room, retry in 4 s (attempt 2 failed: Slack answered HTTP 500 to conversations.create)". */
function roomWorkLine(work: Briefing['roomWork'][number], now: Date): string {
  const head = `${platformNames[work.platform]}: ${work.what}`;
  if (work.state === 'failed') return `${head}, given up: ${work.lastError ?? 'no reason given'}`;
  if (work.lastError === null) return `${head}, ${work.attempts === 0 ? 'waiting its turn' : 'under way'}`;
  const retryIn = work.nextAttemptAt ? Math.max(0, Math.ceil((work.nextAttemptAt.getTime() - now.getTime()) / 1000)) : 0;
  return `${head}, retry in ${retryIn} s (attempt ${work.attempts} failed: ${work.lastError})`;
}
