import type { CardElement, IAdaptiveCard, IFact, IOpenUrlAction } from '@microsoft/teams.cards';
import { z } from 'zod';
import { draftId, impactOf, incidentId } from '../../../domain/incident.ts';
import type { getBriefing } from '../../../services/queries.ts';
import { formatAgo, formatDateTime, formatDateTimeWindow, formatDuration } from '../../../time/format.ts';
import { adaptiveCard, cardText, fact, textBlock } from './card-text.ts';
import { briefingLists, capitalized } from '../../render/briefing.ts';

type Briefing = Awaited<ReturnType<typeof getBriefing>>;

function facts({ incident, now, components, roles }: Briefing, zone: string): IFact[] {
  const { declaredAt, resolvedAt, impactStart, impactEnd } = incident;
  // "ago" is measured from the briefing's verified `now`, so the card says what the text briefing says.
  const declared = `${formatDateTime(declaredAt, zone)} (${formatAgo(declaredAt, now, 'en')})`;
  const named = components.map((c) => `${cardText(c.componentName)} (${cardText(c.state)})`).join(', ');
  const impact = impactStart ? (impactEnd ? formatDateTimeWindow(impactStart, impactEnd, zone) : `${formatDateTime(impactStart, zone)} → ongoing`) : 'not set';
  return [
    fact('Status', cardText(incident.status)),
    fact('Severity', `SEV${incident.severity} (${impactOf(incident.severity)})`),
    fact('Commander', cardText(incident.commanderName)),
    ...roles.map((role) => fact(cardText(capitalized(role.title)), role.holder ? cardText(role.holder.personName) : 'nobody')),
    fact('Declared', declared),
    ...(resolvedAt ? [fact('Resolved', `${formatDateTime(resolvedAt, zone)}, after ${formatDuration(resolvedAt.getTime() - declaredAt.getTime())}`)] : []),
    fact('Components', named || 'none named'),
    fact('Customer impact', impact),
  ];
}

function latestUpdate({ latestPublication: latest }: Briefing, zone: string): CardElement[] {
  if (!latest) return [textBlock('**Latest public update:** none published yet', { separator: true })];
  return [
    textBlock('**Latest public update**', { separator: true }),
    textBlock(`${cardText(latest.status)} · ${formatDateTime(latest.publishedAt, zone)}`, { isSubtle: true, size: 'Small', spacing: 'None' }),
    textBlock(cardText(latest.body), { spacing: 'Small' }),
  ];
}

function awaitingApproval({ pendingDrafts }: Briefing): CardElement[] {
  if (pendingDrafts.length === 0) return [];
  return [
    textBlock('**Awaiting approval**', { separator: true }),
    ...pendingDrafts.flatMap((draft) => [
      textBlock(`**${draftId(draft.number)}** (${cardText(draft.status)}) by ${cardText(draft.authorName)}`, { spacing: 'Small' }),
      textBlock(cardText(draft.body), { spacing: 'None' }),
    ]),
  ];
}

/** The briefing's one universal action: relating the incident to one it may recur, as a recurrence. */
export const relateVerb = 'incident.relate';
export const RelateData = z.object({ incident: z.int().positive(), related: z.int().positive() });

const list = (heading: string, lines: readonly string[]): CardElement[] =>
  lines.length === 0 ? [] : [textBlock(`**${heading}**`, { separator: true }), ...lines.map((line) => textBlock(`- ${cardText(line)}`, { spacing: 'None' }))];

/** Incidents it may recur, each with the action that relates it. */
function suggestions(incident: number, suggested: readonly { id: number; line: string }[]): CardElement[] {
  if (suggested.length === 0) return [];
  return [
    textBlock('**Declared on the same components in the 30 days before** (a recurrence?)', { separator: true }),
    ...suggested.flatMap((other): CardElement[] => [
      textBlock(cardText(other.line), { spacing: 'Small' }),
      {
        type: 'ActionSet',
        spacing: 'None',
        actions: [
          { type: 'Action.Execute', title: `Relate as recurrence of ${incidentId(other.id)}`, verb: relateVerb, data: { incident, related: other.id } },
        ],
      },
    ]),
  ];
}

/**
 * The incident at a glance in its Teams crisis room. The bot posts it once and edits it in place on
 * every change, so it carries no refresh: a stale copy is never shown for long. Decisions on drafts
 * are made on their approval cards; its only action relates the incident to one it may recur.
 */
export function teamsBriefingCard(briefing: Briefing, zone: string, statusPageUrl: string): IAdaptiveCard {
  const { incident } = briefing;
  const lists = briefingLists(briefing, zone);
  const statusPage: IOpenUrlAction = { type: 'Action.OpenUrl', title: 'Status page', url: statusPageUrl };
  return adaptiveCard({
    body: [
      textBlock(`${incidentId(incident.id)}: ${cardText(incident.title)}`, { size: 'Large', weight: 'Bolder' }),
      { type: 'FactSet', facts: facts(briefing, zone) },
      ...latestUpdate(briefing, zone),
      ...awaitingApproval(briefing),
      ...list('Related incidents', lists.related),
      ...list('Open follow-ups', lists.followUps),
      ...suggestions(incident.id, lists.suggested),
    ],
    actions: [statusPage],
  });
}

/** The line Teams shows for the card in notifications and the chat list: plain text, not Markdown. */
export function briefingSummary({ incident }: Pick<Briefing, 'incident'>): string {
  return `${incidentId(incident.id)} ${incident.title}: ${incident.status}, SEV${incident.severity}`;
}
