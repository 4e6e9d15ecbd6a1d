import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { draftId, incidentId } from '../../../domain/incident.ts';
import { adaptiveCard, textBlock } from './card-text.ts';
import { type TeamsApprovalView, draftVerbs, heading } from './approval-card.ts';
import { editInputs, rejectInputs } from './forms.ts';

type DraftView = Omit<TeamsApprovalView, 'approverIds'>;

/** Cancel shows the draft again, whatever the inputs hold. */
const cancel = (data: { incident: number; draft: number }) => ({
  type: 'Action.Execute' as const,
  title: 'Cancel',
  verb: draftVerbs.refresh,
  data,
  associatedInputs: 'none' as const,
});

/**
 * The approval card in edit mode, the answer to Edit for the person who clicked it: the draft's
 * heading, its status and text as inputs, Save and Cancel. It carries no refresh, so Teams does not
 * swap it back to the draft while it is being edited; the others keep seeing the draft.
 */
export function teamsEditCard(view: DraftView, filled: { status?: string | undefined; body?: string | undefined } = {}, errors: string[] = []): IAdaptiveCard {
  const data = { incident: view.incidentNumber, draft: view.draftNumber };
  return adaptiveCard({
    body: [...heading(view), ...editInputs({ status: filled.status ?? view.status, body: filled.body ?? view.body, errors })],
    actions: [{ type: 'Action.Execute', title: 'Save', verb: draftVerbs.save, data, style: 'positive' }, cancel(data)],
  });
}

/**
 * The answer to Reject, for the person who clicked it: an optional reason, then the decision or
 * Cancel; a refused reason is shown again as typed, with what was wrong.
 */
export function teamsRejectCard(view: DraftView, filled: { reason?: string | undefined } = {}, errors: string[] = []): IAdaptiveCard {
  const data = { incident: view.incidentNumber, draft: view.draftNumber };
  const label = `${incidentId(view.incidentNumber)} ${draftId(view.draftNumber)}`;
  return adaptiveCard({
    body: [
      ...heading(view),
      ...rejectInputs({ reason: filled.reason, errors }),
      textBlock(`${label} will not be published. A new public update can be drafted afterwards.`, { isSubtle: true, size: 'Small' }),
    ],
    actions: [{ type: 'Action.Execute', title: `Reject ${label}`, verb: draftVerbs.reject, data, style: 'destructive' }, cancel(data)],
  });
}
