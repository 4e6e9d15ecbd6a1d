import type { KnownBlock } from '@slack/types';
import { limits, message, plain, splitSections, type SlackMessage } from './limits.ts';

/** The cadence reminder's buttons: each carries the incident's number. */
export const cadenceActions = { draft: 'cadence_draft', snooze: 'cadence_snooze' } as const;

/** How long the reminder's button snoozes. */
export const snoozeButtonMinutes = 30;

/** A cadence reminder: its text (mrkdwn built by crisisroom) and the buttons that draft the update or snooze. */
export function cadenceMessage(mrkdwn: string, incident: number): SlackMessage {
  const blocks: KnownBlock[] = [
    ...splitSections(mrkdwn),
    {
      type: 'actions',
      elements: [
        { type: 'button', action_id: cadenceActions.draft, style: 'primary', text: plain('Draft an update', limits.buttonText), value: String(incident) },
        { type: 'button', action_id: cadenceActions.snooze, text: plain(`Snooze ${snoozeButtonMinutes} min`, limits.buttonText), value: String(incident) },
      ],
    },
  ];
  // The fallback text is the same mrkdwn: its mentions notify as the blocks' do.
  return message(mrkdwn, blocks);
}
