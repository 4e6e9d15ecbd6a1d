import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { adaptiveCard } from './card-text.ts';
import { type TeamsApprovalView, draftVerbs, heading } from './approval-card.ts';
import { editInputs } from './forms.ts';

/**
 * The approval card in edit mode, the answer to Edit for the person who clicked it: the draft's
 * heading, its status and text as inputs, Save and Cancel. It carries no refresh, so Teams does not
 * swap it back to the draft while it is being edited; the others keep seeing the draft.
 */
export function teamsEditCard(view: Omit<TeamsApprovalView, 'approverIds'>, filled: { status?: string | undefined; body?: string | undefined } = {}, errors: string[] = []): IAdaptiveCard {
  const data = { incident: view.incidentNumber, draft: view.draftNumber };
  return adaptiveCard({
    body: [...heading(view), ...editInputs({ status: filled.status ?? view.status, body: filled.body ?? view.body, errors })],
    actions: [
      { type: 'Action.Execute', title: 'Save', verb: draftVerbs.save, data, style: 'positive' },
      // Cancel shows the draft again, whatever the inputs hold.
      { type: 'Action.Execute', title: 'Cancel', verb: draftVerbs.refresh, data, associatedInputs: 'none' },
    ],
  });
}
