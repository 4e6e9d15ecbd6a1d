import type { App } from '@microsoft/teams.apps';
import { z } from 'zod';
import { CrisisError } from '../../../domain/errors.ts';
import { incidentId } from '../../../domain/incident.ts';
import { approveDraft } from '../../../services/draft/approve-draft.ts';
import { changeCommander } from '../../../services/incident/change-commander.ts';
import { assertDecider } from '../../../services/draft/decisions.ts';
import { declareIncident } from '../../../services/incident/declare-incident.ts';
import { relateIncident } from '../../../services/incident/relate-incidents.ts';
import { related } from '../../render/replies.ts';
import { RelateData, relateVerb } from '../cards/briefing-card.ts';
import { cadenceCardAction, isCadenceVerb } from './cadence-actions.ts';
import { cardAnswer, foreignCard, messageAnswer, outsider } from './answers.ts';
import { editDraft } from '../../../services/draft/edit-draft.ts';
import { writeReport } from '../../../services/report/report-form.ts';
import { readReportFields } from '../../report-form-fields.ts';
import { rejectDraft } from '../../../services/draft/reject-draft.ts';
import type { ApprovalCards } from '../approval-cards.ts';
import { DraftRef, draftVerbs } from '../cards/approval-card.ts';
import { declareForm, dialogCard, dialogMessage, dialogs, filledOf, readDeclareSubmission, readEditSubmission, readRejectSubmission } from '../cards/forms.ts';
import { withOrigin } from '../origin.ts';
import { actorOf } from '../text.ts';
import { type TeamsDeps, ctxFor, failureText } from './deps.ts';

type CardDeps = TeamsDeps & { cards: ApprovalCards };

const DialogData = z.object({ dialog: z.literal(dialogs.declare) });

/**
 * The approval card's universal actions (Action.Execute: approve, edit and save, reject with its
 * reason form, refresh)
 * and the dialog (task module) of the declare form. Authorization is the services' own: an
 * actor is their Entra object id, and assertDecider/decideDraft judge it.
 */
export function registerCardListeners(app: App, deps: CardDeps): void {
  const { cards } = deps;

  app.on('card.action', async ({ activity }) => {
    const { verb, data } = activity.value.action;
    if (verb === relateVerb) return relateFromBriefing(actorOf(activity), data);
    if (isCadenceVerb(verb)) return cadenceCardAction(deps, actorOf(activity), verb!, data);
    const read = DraftRef.safeParse(data);
    if (!read.success || !verb || !Object.values(draftVerbs).includes(verb as never)) return messageAnswer(foreignCard);
    const ref = read.data;
    const actor = actorOf(activity);
    try {
      const draftId = await cards.draftIdOf(ref);
      if (verb !== draftVerbs.refresh) {
        if (!actor) return messageAnswer(outsider);
        const ctx = ctxFor(deps, actor, ref.incident);
        if (verb === draftVerbs.edit) {
          await assertDecider(ctx, ref, 'edit');
          return cardAnswer((await cards.reportCardOf(draftId)) ?? (await cards.editCardOf(draftId)));
        }
        if (verb === draftVerbs.saveReport) {
          await assertDecider(ctx, ref, 'edit');
          const fields = (data ?? {}) as Record<string, unknown>;
          const read = readReportFields((id) => (typeof fields[id] === 'string' ? fields[id] : undefined), deps.services.config.statusPage.languages);
          if (!read.ok) {
            const refused = Object.entries(read.errors).map(([id, why]) => `${id}: ${why}`);
            return cardAnswer((await cards.reportCardOf(draftId, filledOf(data), refused))!);
          }
          await writeReport(ctx, { ...ref, versions: read.value });
          return cardAnswer((await cards.cardOf(draftId, activity.conversation.id)).card);
        }
        if (verb === draftVerbs.askReject) {
          await assertDecider(ctx, ref, 'reject');
          return cardAnswer(await cards.rejectCardOf(draftId));
        }
        if (verb === draftVerbs.save) {
          // Action.Execute hands over the card's inputs with its data.
          await assertDecider(ctx, ref, 'edit');
          const submitted = readEditSubmission(data);
          if (!submitted.ok) return cardAnswer(await cards.editCardOf(draftId, filledOf(data), submitted.errors));
          await editDraft(ctx, { ...ref, status: submitted.value.status, text: submitted.value.body });
          return cardAnswer((await cards.cardOf(draftId, activity.conversation.id)).card);
        }
        // A refused reason is shown again, as typed, on the reason form.
        const reason = verb === draftVerbs.reject ? readRejectSubmission(data) : undefined;
        if (reason && !reason.ok) return cardAnswer(await cards.rejectCardOf(draftId, filledOf(data), reason.errors));
        try {
          if (verb === draftVerbs.approve) await approveDraft(ctx, ref);
          else await rejectDraft(ctx, { ...ref, ...(reason?.value.reason ? { reason: reason.value.reason } : {}) });
        } catch (error) {
          // A second click, or someone deciding first: the card shows the decision that stands.
          if (!(error instanceof CrisisError) || error.code !== 'conflict') throw error;
        }
      }
      // The answer replaces the card for whoever clicked; the decision's draft_changed event edits the posted card for everyone.
      return cardAnswer((await cards.cardOf(draftId, activity.conversation.id)).card);
    } catch (error) {
      return messageAnswer(failureText(deps, `${verb} on ${incidentId(ref.incident)}`, error));
    }
  });

  /** The briefing's button: the incident is related as a recurrence; the relation's event edits the briefing for everyone. */
  async function relateFromBriefing(actor: ReturnType<typeof actorOf>, data: unknown) {
    const read = RelateData.safeParse(data);
    if (!read.success) return messageAnswer(foreignCard);
    if (!actor) return messageAnswer(outsider);
    const { incident, related: other } = read.data;
    try {
      return messageAnswer(related(await relateIncident(ctxFor(deps, actor, incident), { incident, related: other, kind: 'recurrence' })));
    } catch (error) {
      return messageAnswer(failureText(deps, `relating ${incidentId(incident)}`, error));
    }
  }

  app.on('dialog.open', async ({ activity, api }) => {
    const kind = DialogData.safeParse(activity.value.data);
    if (!kind.success) return dialogMessage('This button is not one crisisroom knows.');
    const actor = actorOf(activity);
    if (!actor) return dialogMessage(outsider);
    try {
      const people = await api.conversations
        .members(activity.conversation.id.split(';')[0]!)
        .get()
        .then((members) => members.flatMap((m) => (m.aadObjectId ? [{ id: m.aadObjectId, name: m.name || m.aadObjectId }] : [])))
        // Without the member list (a chat the bot cannot list) the declarer is the only choice.
        .catch((error: unknown) => {
          deps.log('teams: listing conversation members failed', error);
          return [];
        });
      const components = deps.services.config.components.flatMap((group) => group.items);
      return dialogCard('Declare incident', declareForm({ components, people, declarerId: actor.id }));
    } catch (error) {
      return dialogMessage(failureText(deps, 'opening a dialog', error));
    }
  });

  app.on('dialog.submit', async ({ activity }) => {
    const data: unknown = activity.value.data;
    const kind = DialogData.safeParse(data);
    if (!kind.success) return dialogMessage('This form is not one crisisroom knows.');
    const actor = actorOf(activity);
    if (!actor) return dialogMessage(outsider);
    try {
      const read = readDeclareSubmission(data);
      if (!read.ok) {
        const components = deps.services.config.components.flatMap((group) => group.items);
        return dialogCard('Declare incident', declareForm({ components, people: [], declarerId: actor.id, filled: filledOf(data), errors: read.errors }));
      }
      // Teams may deliver one submission twice; the activity's id makes it one incident.
      if (!(await deps.rooms.firstTime(`teams:activity:${activity.conversation.id}:${activity.id}`, deps.clock.now())))
        return dialogMessage('Already declared.');
      const { title, severity, components, commander } = read.value;
      const ctx = ctxFor(deps, actor);
      // What the room work cannot do (no channel, say) is told in the conversation the form was opened from.
      const origin = {
        serviceUrl: activity.serviceUrl ?? '',
        conversationId: activity.conversation.id,
        ...(activity.replyToId ? { replyToId: activity.replyToId } : {}),
      };
      const incident = await withOrigin(origin, async () => {
        const declared = await declareIncident(ctx, { title, severity, components });
        if (commander !== actor.id) {
          const member = await memberName(activity, commander);
          await changeCommander({ ...ctx, roomIncidentId: declared.id }, { incident: declared.id, user: { id: commander, name: member } });
        }
        return declared;
      });
      return dialogMessage(`Declared ${incidentId(incident.id)}: ${incident.title}.`);
    } catch (error) {
      return dialogMessage(failureText(deps, 'a dialog submission', error));
    }
  });

  /** The name of the person the form's commander choice names, from the same member list the form offered. */
  async function memberName(activity: { conversation: { id: string } }, aadObjectId: string): Promise<string> {
    const members = await app.api.conversations.members(activity.conversation.id.split(';')[0]!).get();
    const member = members.find((m) => m.aadObjectId === aadObjectId);
    if (!member) throw new CrisisError('invalid_input', 'The chosen commander is not a member of this conversation; choose someone from the list.');
    return member.name || aadObjectId;
  }
}
