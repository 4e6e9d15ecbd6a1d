import type { KnownBlock, MrkdwnElement } from '@slack/types';
import type { ComponentState } from '../../../domain/component.ts';
import { impactOf, type IncidentStatus } from '../../../domain/incident.ts';
import { messages } from '../../../i18n/messages.ts';
import { capitalized } from '../../render/briefing.ts';
import { formatDateTime } from '../../../time/format.ts';
import { context, fitText, limits, message, section, splitSections, titleBlock, type SlackMessage } from './limits.ts';
import { escapeLine, escapeMrkdwn, link, mention } from './mrkdwn.ts';

export interface BriefingView {
  /** The incident's number, and its id as people read it (INC-7). */
  number: number;
  incidentId: string;
  title: string;
  status: IncidentStatus;
  severity: number;
  commander: { name: string; slackUserId?: string };
  components: { name: string; state: ComponentState }[];
  impact: { start: Date; end: Date | null } | null;
  latestPublic: { status: IncidentStatus; body: string; publishedAt: Date } | null;
  pendingDrafts: number;
  statusPageUrl: string;
  incidentUrl: string;
  zone: string;
  declaredAt: Date;
  resolvedAt: Date | null;
  /** Its roles besides the commander, with who holds each. */
  roles: { title: string; holder: { name: string; slackUserId?: string } | null }[];
  /** Plain lines (see briefingLists): incidents related to it, its open follow-ups. */
  related: string[];
  followUps: string[];
  /** Incidents it may recur, each offered with a button that relates it. */
  suggested: { id: number; line: string }[];
}

/** The button that relates the incident to one it may recur, as a recurrence: its value is "<incident>:<earlier>". */
export const relateAction = 'relate_recurrence';

export function readRelateValue(value: string): { incident: number; related: number } | null {
  const match = /^(\d{1,9}):(\d{1,9})$/.exec(value);
  return match ? { incident: Number(match[1]), related: Number(match[2]) } : null;
}

const list = (heading: string, lines: readonly string[]) =>
  lines.length > 0 ? splitSections(`*${heading}*\n${lines.map((line) => `• ${escapeMrkdwn(line)}`).join('\n')}`) : [];

function suggestionBlocks(view: BriefingView): KnownBlock[] {
  if (view.suggested.length === 0) return [];
  return [
    section('*Declared on the same components in the 30 days before* (a recurrence?)'),
    ...view.suggested.map(
      (other): KnownBlock => ({
        type: 'section',
        text: { type: 'mrkdwn', text: fitText(escapeMrkdwn(other.line), limits.sectionText) },
        accessory: {
          type: 'button',
          action_id: relateAction,
          text: { type: 'plain_text', text: 'Relate as recurrence' },
          value: `${view.number}:${other.id}`,
        },
      }),
    ),
  ];
}

/** The crisis room speaks English; the words are the status page's own, so both read the same. */
const words = messages('en');

function field(label: string, value: string): MrkdwnElement {
  return { type: 'mrkdwn', text: fitText(`*${label}*\n${value}`, limits.sectionFieldText) };
}

/** The incident at a glance, pinned in its crisis room and updated in place as it changes. */
export function briefingMessage(view: BriefingView): SlackMessage {
  const when = (instant: Date) => formatDateTime(instant, view.zone);
  const status = words.incidentStatus[view.status];
  const severity = `SEV${view.severity} · ${impactOf(view.severity)}`;
  const impact = view.impact ? `${when(view.impact.start)} → ${view.impact.end ? when(view.impact.end) : 'ongoing'}` : 'not set';

  const fields = [
    field('Status', status),
    field('Severity', severity),
    field('Commander', mention(view.commander)),
    field('Customer impact', impact),
    field('Declared', when(view.declaredAt)),
    ...(view.resolvedAt ? [field('Resolved', when(view.resolvedAt))] : []),
    field('Pending drafts', view.pendingDrafts === 0 ? 'none' : `${view.pendingDrafts} awaiting approval`),
  ];

  const components =
    view.components.length > 0 ? view.components.map((c) => `• ${escapeLine(c.name)}: ${words.componentState[c.state]}`).join('\n') : 'none named';

  // The body goes last in its section: formatting in it then has none of our text to run into.
  const latest = view.latestPublic
    ? `*Latest public update* (${words.incidentStatus[view.latestPublic.status]}, ${when(view.latestPublic.publishedAt)})\n${escapeMrkdwn(view.latestPublic.body)}`
    : '*Latest public update*\nnone yet';

  const blocks: KnownBlock[] = [
    titleBlock(`${view.incidentId}: ${view.title}`),
    { type: 'section', fields },
    ...(view.roles.length > 0
      ? splitSections(
          `*Roles*\n${view.roles.map((role) => `• ${escapeLine(capitalized(role.title))}: ${role.holder ? mention(role.holder) : 'nobody'}`).join('\n')}`,
        )
      : []),
    ...splitSections(`*Components*\n${components}`),
    ...splitSections(latest),
    ...list('Related incidents', view.related),
    ...list('Open follow-ups', view.followUps),
    ...suggestionBlocks(view),
    context(`${link(view.statusPageUrl, 'Status page')} · ${link(view.incidentUrl, 'Incident page')}`),
  ];
  const text = `${escapeLine(view.incidentId)}: ${escapeLine(view.title)} (${status}, ${severity})`;
  return message(text, blocks);
}
