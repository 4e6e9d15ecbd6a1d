import type { ActionsBlock, KnownBlock } from '@slack/types';
import { z } from 'zod';
import { type ApprovalView, reportReach } from '../../approval-view.ts';
import { draftId, incidentId } from '../../../domain/incident.ts';
import { messages } from '../../../i18n/messages.ts';
import { formatTimeOfDay } from '../../../time/format.ts';
import { customerUpdateMessage } from './customer-post.ts';
import { context, fitText, header, limits, message, plain, splitSections, type SlackMessage } from './limits.ts';
import { escapeLine, escapeMrkdwn } from './mrkdwn.ts';

export type ApprovalCardView = ApprovalView;

export const draftActions = { approve: 'draft_approve', edit: 'draft_edit', reject: 'draft_reject' } as const;

/** Which draft a button or an edit modal is about; carried as JSON in a button value or private_metadata. */
export const DraftRef = z.object({ incident: z.int().positive(), draft: z.int().positive() });
export type DraftRef = z.infer<typeof DraftRef>;

export function draftRefJson(ref: DraftRef): string {
  return JSON.stringify({ incident: ref.incident, draft: ref.draft });
}

/** The draft a payload names, or null for anything we did not write (a stale or forged payload). */
export function readDraftRef(json: string): DraftRef | null {
  try {
    const parsed = DraftRef.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const words = messages('en');

function actions(view: ApprovalCardView): ActionsBlock {
  const value = draftRefJson({ incident: view.incidentNumber, draft: view.draftNumber });
  const label = `${incidentId(view.incidentNumber)} ${draftId(view.draftNumber)}`;
  return {
    type: 'actions',
    // The draft in the block_id tells a second click on the same card apart from a click on another.
    block_id: `draft_actions_${view.incidentNumber}_${view.draftNumber}`,
    elements: [
      { type: 'button', action_id: draftActions.approve, text: plain('Approve', limits.buttonText), style: 'primary', value },
      { type: 'button', action_id: draftActions.edit, text: plain('Edit', limits.buttonText), value },
      {
        type: 'button',
        action_id: draftActions.reject,
        text: plain('Reject', limits.buttonText),
        style: 'danger',
        value,
        confirm: {
          title: plain(`Reject ${label}?`, limits.confirmTitle),
          text: plain(`${label} will not be published. A new public update can be drafted afterwards.`, limits.confirmText),
          confirm: plain('Reject', limits.confirmButton),
          deny: plain('Keep it', limits.confirmButton),
          style: 'danger',
        },
      },
    ],
  };
}

function decisionLine(decision: NonNullable<ApprovalCardView['decision']>, zone: string): string {
  const by = `by ${escapeLine(decision.byName)} at ${formatTimeOfDay(decision.at, zone)}`;
  if (decision.state === 'approved') return `✅ Approved ${by}`;
  return `❌ Rejected ${by}${decision.reason ? `: ${escapeLine(decision.reason)}` : ''}`;
}

/** The decision as a context line; a rejection whose reason makes it longer than a context holds takes sections, never cut. */
function decided(line: string): KnownBlock[] {
  return line.length <= limits.contextElementText ? [context(line)] : splitSections(line);
}

/**
 * A public draft as the crisis room reviews it: who wrote it, what goes public with it, and the exact
 * messages each customer channel will receive, then the buttons, or once decided, who decided when.
 */
export function approvalCard(view: ApprovalCardView): SlackMessage {
  const label = `${incidentId(view.incidentNumber)} ${draftId(view.draftNumber)}`;
  const changes =
    view.componentChanges.length > 0
      ? view.componentChanges.map((c) => `• ${escapeLine(c.name)}: ${words.componentState[c.oldState]} → ${words.componentState[c.newState]}`).join('\n')
      : 'none';
  // Until it is approved the real posting time is unknown; the preview shows the draft's own time.
  const publishedAt = view.decision?.state === 'approved' ? view.decision.at : view.createdAt;
  const update = {
    incidentId: incidentId(view.incidentNumber),
    title: view.incidentTitle,
    status: view.status,
    body: view.body,
    publishedAt,
    componentChanges: view.componentChanges,
  };
  const report = view.kind === 'report';
  const noun = report ? 'Incident report' : 'Public update';
  const previews = view.languages.flatMap(({ lang, zone }) => [
    context(`Customers reading ${lang} (${escapeLine(zone)}) will see:`),
    ...customerUpdateMessage(update, lang, zone).blocks,
  ]);

  const blocks: KnownBlock[] = [
    header(`${noun} ${label}`),
    {
      type: 'section',
      fields: [
        { type: 'mrkdwn', text: fitText(`*Incident*\n${escapeLine(view.incidentTitle)}`, limits.sectionFieldText) },
        {
          type: 'mrkdwn',
          text: fitText(`*Drafted by*\n${escapeLine(view.authorName)} at ${formatTimeOfDay(view.createdAt, view.zone)}`, limits.sectionFieldText),
        },
        { type: 'mrkdwn', text: `*Status*\n${words.incidentStatus[view.status]}` },
      ],
    },
    ...splitSections(`*Component changes going public*\n${changes}`),
    { type: 'divider' },
    ...(report
      ? [...splitSections(escapeMrkdwn(view.body)), context(reportReach)]
      : previews.length > 0
        ? previews
        : [context('No customer channel follows this incident; only the status page will show this update.')]),
    { type: 'divider' },
    ...(view.decision ? decided(decisionLine(view.decision, view.zone)) : [actions(view)]),
    ...(view.deliveries ? [context(`*Delivered to:* ${escapeLine(view.deliveries)}`)] : []),
  ];
  const state = view.decision ? decisionLine(view.decision, view.zone) : 'awaiting approval';
  const text = `${noun} ${label} (${words.incidentStatus[view.status]}) by ${escapeLine(view.authorName)}: ${state}`;
  return message(text, blocks, 1);
}
