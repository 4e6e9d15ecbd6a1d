import type { KnownBlock, MrkdwnElement } from '@slack/types';
import type { ComponentState } from '../../../domain/component.ts';
import { impactOf, type IncidentStatus } from '../../../domain/incident.ts';
import { messages } from '../../../i18n/messages.ts';
import { formatDateTime } from '../../../time/format.ts';
import { context, fitText, limits, message, splitSections, titleBlock, type SlackMessage } from './limits.ts';
import { escapeLine, escapeMrkdwn, link, mention } from './mrkdwn.ts';

export interface BriefingView {
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
    ...splitSections(`*Components*\n${components}`),
    ...splitSections(latest),
    context(`${link(view.statusPageUrl, 'Status page')} · ${link(view.incidentUrl, 'Incident page')}`),
  ];
  const text = `${escapeLine(view.incidentId)}: ${escapeLine(view.title)} (${status}, ${severity})`;
  return message(text, blocks);
}
