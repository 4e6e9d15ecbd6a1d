import type { App } from '@microsoft/teams.apps';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { Log } from '../../log.ts';
import type { Services } from '../../services/context.ts';
import { draftRowId } from '../../services/lookup.ts';
import type { RoomStore } from '../../db/stores/rooms.ts';
import { loadApprovalView } from '../approval-view.ts';
import { type DraftRef, approvalSummary, teamsApprovalCard } from './cards/approval-card.ts';
import { teamsEditCard, teamsRejectCard, teamsReportCard } from './cards/draft-forms.ts';
import { loadReportForm } from '../../services/report/report-form.ts';
import { createRosterIds } from './roster.ts';
import { platformUserId } from '../../domain/actor.ts';

interface ApprovalCardDeps {
  api: App['api'];
  rooms: RoomStore;
  services: Services;
  log: Log;
}

/**
 * The approval cards crisisroom shows in Teams: one per draft, as it stands now, and the forms that
 * edit or reject it. Posting and editing them is room work (see room-work.ts).
 */
export function createApprovalCards(deps: ApprovalCardDeps) {
  const { rooms, services } = deps;

  const rosterIds = createRosterIds(deps.api, deps.log);

  /** The card of a draft (by its row id) as it stands now, in the conversation it is shown in. */
  async function cardOf(draftId: number, conversationId: string): Promise<{ card: IAdaptiveCard; summary: string }> {
    const { view: common, commanderId } = await loadApprovalView(services, rooms, draftId);
    const approvers = [commanderId, ...services.config.approval.approvers]
      .map((key) => platformUserId(key, 'teams'))
      .filter((id): id is string => id !== undefined);
    // A decided card refreshes for nobody, so its roster is not needed.
    const approverIds = common.decision ? [] : await rosterIds(conversationId, approvers);
    const view = { ...common, approverIds };
    return { card: teamsApprovalCard(view), summary: approvalSummary(view) };
  }

  /** The card of a draft in edit mode, for the person editing it, with what they typed and what was wrong. */
  async function editCardOf(draftId: number, filled: { status?: string; body?: string } = {}, errors: string[] = []): Promise<IAdaptiveCard> {
    const { view } = await loadApprovalView(services, rooms, draftId);
    return teamsEditCard(view, filled, errors);
  }

  /** The report's form for the person editing it (null for a draft that is no report written section by section). */
  async function reportCardOf(draftId: number, filled: Record<string, string | undefined> = {}, errors: string[] = []): Promise<IAdaptiveCard | null> {
    const form = await loadReportForm(services, draftId);
    return form && teamsReportCard((await loadApprovalView(services, rooms, draftId)).view, form, filled, errors);
  }

  /** The card of a draft asking the person rejecting it for a reason, again with what they typed and what was wrong. */
  async function rejectCardOf(draftId: number, filled: { reason?: string } = {}, errors: string[] = []): Promise<IAdaptiveCard> {
    return teamsRejectCard((await loadApprovalView(services, rooms, draftId)).view, filled, errors);
  }

  /** The row id of the draft an action names; throws a CrisisError when there is none. */
  async function draftIdOf(ref: DraftRef): Promise<number> {
    return draftRowId(services.db, ref.incident, ref.draft);
  }

  return {
    cardOf,
    editCardOf,
    reportCardOf,
    rejectCardOf,
    draftIdOf,
  };
}

export type ApprovalCards = ReturnType<typeof createApprovalCards>;
