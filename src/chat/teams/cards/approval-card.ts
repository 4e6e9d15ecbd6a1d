import type { CardElement, IAdaptiveCard, IContainer, IExecuteAction } from '@microsoft/teams.cards';
import { z } from 'zod';
import { draftId, incidentId } from '../../../domain/incident.ts';
import type { Language } from '../../../i18n/languages.ts';
import { messages } from '../../../i18n/messages.ts';
import { formatPosted, formatTimeOfDay } from '../../../time/format.ts';
import { type ApprovalView, reportReach } from '../../approval-view.ts';
import { adaptiveCard, cardText, fact, textBlock } from './card-text.ts';

export interface TeamsApprovalView extends ApprovalView {
  /** The Teams user ids (`29:…`, from the roster) of who may decide: the commander and configured Teams approvers. */
  approverIds: string[];
}

/** The verbs of the card's universal actions (Action.Execute). */
export const draftVerbs = {
  approve: 'draft.approve',
  edit: 'draft.edit',
  save: 'draft.save',
  /** Saves the incident report's form: its sections in each language. */
  saveReport: 'draft.saveReport',
  /** Opens the reason form for the one who clicked; `reject` decides. */
  askReject: 'draft.reject.ask',
  reject: 'draft.reject',
  refresh: 'draft.refresh',
} as const;

/** Which draft an action is about, as the card carries it in every action's data. */
export const DraftRef = z.object({ incident: z.int().positive(), draft: z.int().positive() });
export type DraftRef = z.infer<typeof DraftRef>;

/** Teams refreshes a card by itself for at most this many users. */
const refreshUserLimit = 60;

const words = messages('en');

function label(view: Pick<TeamsApprovalView, 'incidentNumber' | 'draftNumber'>): string {
  return `${incidentId(view.incidentNumber)} ${draftId(view.draftNumber)}`;
}

function decisionLine(decision: NonNullable<TeamsApprovalView['decision']>, zone: string): string {
  const by = `by ${cardText(decision.byName)} at ${formatTimeOfDay(decision.at, zone)}`;
  if (decision.state === 'approved') return `✅ Approved ${by}`;
  return `❌ Rejected ${by}${decision.reason ? `: ${cardText(decision.reason)}` : ''}`;
}

/** One customer language's rendering of the update, laid out as the customer post shows it. */
function preview(view: TeamsApprovalView, lang: Language, zone: string): CardElement[] {
  const local = messages(lang);
  const publishedAt = view.decision?.state === 'approved' ? view.decision.at : view.createdAt;
  const changes = view.componentChanges.map((c) => `${cardText(c.name)}: ${local.componentState[c.oldState]} → ${local.componentState[c.newState]}`);
  const post: IContainer = {
    type: 'Container',
    style: 'emphasis',
    items: [
      textBlock(`**${local.incidentStatus[view.status]}** - ${cardText(view.body)}`),
      ...(changes.length > 0 ? [textBlock(`**${local.componentChanges}**`), textBlock(changes.join('\n\n'), { spacing: 'None' })] : []),
      textBlock(`${local.posted} ${formatPosted(publishedAt, zone, lang)}`, { isSubtle: true, size: 'Small' }),
    ],
  };
  return [textBlock(`Customers reading ${lang} (${cardText(zone)}) will see:`, { isSubtle: true, size: 'Small' }), post];
}

function actions(view: TeamsApprovalView): IExecuteAction[] {
  const data = { incident: view.incidentNumber, draft: view.draftNumber };
  // Edit and Reject answer with a form for whoever clicked; the others keep seeing the draft.
  return [
    { type: 'Action.Execute', title: 'Approve', verb: draftVerbs.approve, data, style: 'positive' },
    { type: 'Action.Execute', title: 'Edit', verb: draftVerbs.edit, data },
    { type: 'Action.Execute', title: 'Reject', verb: draftVerbs.askReject, data, style: 'destructive' },
  ];
}

/** The draft's title line, who drafted it, and the component changes it takes public. */
export function heading(view: Omit<TeamsApprovalView, 'approverIds'>): CardElement[] {
  const changes =
    view.componentChanges.length > 0
      ? view.componentChanges.map((c) => `${cardText(c.name)}: ${words.componentState[c.oldState]} → ${words.componentState[c.newState]}`).join('\n\n')
      : 'none';
  return [
    textBlock(`${view.kind === 'report' ? 'Incident report' : 'Public update'} ${label(view)}`, { size: 'Large', weight: 'Bolder' }),
    {
      type: 'FactSet',
      facts: [
        fact('Incident', cardText(view.incidentTitle)),
        fact('Drafted by', `${cardText(view.authorName)} at ${formatTimeOfDay(view.createdAt, view.zone)}`),
        fact('Status', words.incidentStatus[view.status]),
      ],
    },
    textBlock('**Component changes going public**'),
    textBlock(changes, { spacing: 'None' }),
  ];
}

/**
 * A public draft as the crisis room reviews it in Teams: who wrote it, what goes public with it and
 * what each customer language will read, then Approve / Edit / Reject, or once decided, who decided
 * when. Until decided, the card refreshes itself for the approvers, so a card decided elsewhere
 * (by command, in Slack) shows the decision as soon as they look at it.
 */
export function teamsApprovalCard(view: TeamsApprovalView): IAdaptiveCard {
  const report = view.kind === 'report';
  const previews = view.languages.flatMap(({ lang, zone }) => preview(view, lang, zone));
  const data = { incident: view.incidentNumber, draft: view.draftNumber };
  const body: CardElement[] = [
    ...heading(view),
    ...(report
      ? [textBlock(cardText(view.body), { separator: true }), textBlock(reportReach, { isSubtle: true, size: 'Small' })]
      : previews.length > 0
        ? previews
        : [textBlock('No customer channel follows this incident; only the status page will show this update.', { isSubtle: true, size: 'Small' })]),
    ...(view.decision ? [textBlock(decisionLine(view.decision, view.zone), { weight: 'Bolder', separator: true })] : []),
    ...(view.deliveries ? [textBlock(`**Delivered to:** ${cardText(view.deliveries)}`, { size: 'Small' })] : []),
  ];
  return adaptiveCard({
    ...(view.decision
      ? {}
      : {
          refresh: {
            action: { type: 'Action.Execute', title: 'Refresh', verb: draftVerbs.refresh, data },
            userIds: [...new Set(view.approverIds)].slice(0, refreshUserLimit),
          },
        }),
    body,
    ...(view.decision ? {} : { actions: actions(view) }),
  });
}

/** The line Teams shows for the card in notifications and the chat list. */
export function approvalSummary(view: Pick<TeamsApprovalView, 'incidentNumber' | 'draftNumber' | 'status' | 'kind' | 'decision'>): string {
  const state = view.decision ? `${view.decision.state} by ${view.decision.byName}` : 'needs approval';
  return `${view.kind === 'report' ? 'Incident report' : 'Public update'} ${incidentId(view.incidentNumber)} ${draftId(view.draftNumber)} (${words.incidentStatus[view.status]}) ${state}`;
}
