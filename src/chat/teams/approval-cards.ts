import type { App } from '@microsoft/teams.apps';
import type { IAdaptiveCard } from '@microsoft/teams.cards';
import type { Log } from '../../log.ts';
import type { DomainEvent, Services } from '../../services/context.ts';
import { createPublicationDrafts } from '../../services/get-deliveries.ts';
import { targetDraft } from '../../services/lookup.ts';
import type { RoomStore } from '../../services/rooms.ts';
import { loadApprovalView } from '../approval-view.ts';
import { type DraftRef, approvalSummary, teamsApprovalCard } from './cards/approval-card.ts';
import { cardAttachment } from './cards/card-text.ts';
import { teamsEditCard, teamsRejectCard } from './cards/draft-forms.ts';
import { createKeyedQueues } from '../keyed-queues.ts';
import { origins } from './origin.ts';
import { createRosterIds } from './roster.ts';
import { platformUserId } from '../../domain/actor.ts';

interface ApprovalCardDeps {
  api: App['api'];
  rooms: RoomStore;
  services: Services;
  log: Log;
}

const platform = 'teams';

/**
 * The approval cards crisisroom keeps in Teams: one per draft, posted where the incident is run,
 * and edited in place as the draft is decided and its update delivered.
 */
export function createApprovalCards(deps: ApprovalCardDeps) {
  const { rooms, services } = deps;

  const rosterIds = createRosterIds(deps.api, deps.log);
  const draftOfPublication = createPublicationDrafts(services.db);

  /** The card of a draft (by its row id) as it stands now, in the conversation it is shown in. */
  async function cardOf(draftId: number, conversationId: string): Promise<{ card: IAdaptiveCard; summary: string }> {
    const { view: common, commanderId } = await loadApprovalView(services, rooms, draftId);
    const approvers = [commanderId, ...services.config.approval.approvers].map((key) => platformUserId(key, 'teams')).filter((id): id is string => id !== undefined);
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

  /** The card of a draft asking the person rejecting it for a reason, again with what they typed and what was wrong. */
  async function rejectCardOf(draftId: number, filled: { reason?: string } = {}, errors: string[] = []): Promise<IAdaptiveCard> {
    return teamsRejectCard((await loadApprovalView(services, rooms, draftId)).view, filled, errors);
  }

  /** The row id of the draft an action names; throws a CrisisError when there is none. */
  async function draftIdOf(ref: DraftRef): Promise<number> {
    return (await targetDraft(services.db.prisma, { id: ref.incident }, ref.draft)).id;
  }

  const activityOf = ({ card, summary }: { card: IAdaptiveCard; summary: string }) => ({ type: 'message' as const, summary, attachments: [cardAttachment(card)] });

  /**
   * Posts the approval card of a draft into a conversation (a channel, a channel thread, a chat),
   * once: a draft already carded in Teams is left where it is.
   */
  async function postApprovalCard(conversationId: string, draftId: number): Promise<void> {
    if (await rooms.cardOf(draftId, platform)) return;
    const posted = await deps.api.conversations.activities(conversationId).create(activityOf(await cardOf(draftId, conversationId)));
    await rooms.recordCard({ draftId, platform, channelId: conversationId, messageId: posted.id });
  }

  /** Edits a draft's posted card to what it shows now; a draft without a Teams card is left alone. */
  async function refreshApprovalCard(draftId: number): Promise<void> {
    const existing = await rooms.cardOf(draftId, platform);
    if (!existing) return;
    await deps.api.conversations.activities(existing.channelId).update(existing.messageId, activityOf(await cardOf(draftId, existing.channelId)));
  }

  // One draft's card work runs in order (posted before edited); a refresh already waiting covers a newer change.
  const queues = createKeyedQueues();
  const refreshWaiting = new Set<number>();
  const enqueue = (draftId: number, what: string, work: () => Promise<void>): Promise<void> =>
    queues.run(draftId, work, (error) => deps.log(`teams: ${what} failed`, error));
  function refreshSoon(draftId: number): Promise<void> {
    if (refreshWaiting.has(draftId)) return Promise.resolve();
    refreshWaiting.add(draftId);
    return enqueue(draftId, 'updating an approval card', () => {
      refreshWaiting.delete(draftId);
      return refreshApprovalCard(draftId);
    });
  }

  return {
    cardOf,
    editCardOf,
    rejectCardOf,
    draftIdOf,
    postApprovalCard,
    refreshApprovalCard,

    /**
     * A new draft's card goes to the incident's crisis room in Teams, or, while it has none, to the
     * conversation the command came from; a draft from elsewhere with no Teams room gets no card.
     * Decisions, edits and deliveries edit the card in place.
     */
    onEvent(event: DomainEvent): Promise<void> {
      switch (event.type) {
        case 'draft_created': {
          // Read now: the command's conversation is known only while its handling runs.
          const origin = origins.getStore();
          return enqueue(event.draftId, 'posting an approval card', async () => {
            const room = await rooms.roomOf(event.incidentId, platform);
            const where = room?.channelId ?? origin?.conversationId;
            if (where) await postApprovalCard(where, event.draftId);
          });
        }
        case 'draft_changed':
          return refreshSoon(event.draftId);
        case 'delivery_changed':
          return draftOfPublication(event.publicationId).then(({ draftId }) => refreshSoon(draftId), (error: unknown) => deps.log('teams: finding the card of a delivery failed', error));
        default:
          return Promise.resolve();
      }
    },

    /** Resolves once every queued card post and edit has run. */
    async idle(): Promise<void> {
      while (queues.pending().length > 0) await Promise.all(queues.pending());
    },
  };
}

export type ApprovalCards = ReturnType<typeof createApprovalCards>;
