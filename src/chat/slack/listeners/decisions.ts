import type { App, BlockButtonAction } from '@slack/bolt';
import { approveDraft } from '../../../services/draft/approve-draft.ts';
import { assertDecider } from '../../../services/draft/decisions.ts';
import { editDraft } from '../../../services/draft/edit-draft.ts';
import { rejectDraft } from '../../../services/draft/reject-draft.ts';
import { type DraftRef, draftActions, readDraftRef } from '../blocks/approval-card.ts';
import { editDraftModal, readEditSubmission } from '../blocks/modals.ts';
import { editReportModal, readReportSubmission, reportModalId } from '../blocks/report-modal.ts';
import { loadReportForm, writeReport } from '../../../services/report/report-form.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { readRelateValue, relateAction } from '../blocks/briefing.ts';
import { relateIncident } from '../../../services/incident/relate-incidents.ts';
import { related } from '../../render/replies.ts';
import { type SlackDeps, ctxFor, failureText } from '../deps.ts';
import { onButton } from './button.ts';

/**
 * The buttons of an approval card, and the briefing's. Only an allowed approver gets anywhere (others
 * are told so, privately); the card itself is updated from the decision's event, whoever or whatever decided.
 */
export function registerDecisionActions(app: App, deps: SlackDeps): void {
  const decide = (actionId: string, work: (ctx: ReturnType<typeof ctxFor>, ref: DraftRef, body: BlockButtonAction) => Promise<void>) =>
    onButton(app, deps, actionId, async ({ actor, value, body }) => {
      const ref = readDraftRef(value);
      if (!ref) throw new Error(`unreadable button value on ${actionId}`);
      await work(ctxFor(deps, actor, ref.incident), ref, body);
      return undefined;
    });

  // The briefing's button: the incident is related as a recurrence; the relation's event updates the briefing.
  onButton(app, deps, relateAction, async ({ actor, value }) => {
    const ref = readRelateValue(value);
    if (!ref) throw new Error(`unreadable button value on ${relateAction}`);
    return related(await relateIncident(ctxFor(deps, actor, ref.incident), { ...ref, kind: 'recurrence' }));
  });

  decide(draftActions.approve, async (ctx, ref) => {
    await approveDraft(ctx, ref);
  });
  decide(draftActions.reject, async (ctx, ref) => {
    await rejectDraft(ctx, ref);
  });
  decide(draftActions.edit, async (ctx, ref, body) => {
    const draft = await assertDecider(ctx, ref, 'edit');
    // A report written section by section is edited section by section, in each of the page's languages.
    const report = await loadReportForm(ctx, draft.id);
    await deps.client.views.open({
      trigger_id: body.trigger_id,
      view: report ? editReportModal(report) : editDraftModal({ incidentNumber: ref.incident, draftNumber: ref.draft, status: draft.status, body: draft.body }),
    });
  });

  app.view(reportModalId, async ({ ack, body, view }) => {
    const read = readReportSubmission(view.state.values, deps.services.config.statusPage.languages);
    if (!read.ok) return void (await ack({ response_action: 'errors', errors: read.errors }));
    await ack();
    try {
      const ref = readDraftRef(view.private_metadata);
      if (!ref) throw new Error('unreadable report form metadata');
      const actor = await deps.identity.actor(body.user.id, body.team?.id ?? undefined);
      await writeReport(ctxFor(deps, actor, ref.incident), { ...ref, versions: read.value });
    } catch (error) {
      await deps.client.chat.postMessage({ channel: body.user.id, text: escapeMrkdwn(failureText(deps, reportModalId, error)) });
    }
  });

  app.view('edit_draft', async ({ ack, body, view }) => {
    const read = readEditSubmission(view.state.values);
    if (!read.ok) return void (await ack({ response_action: 'errors', errors: read.errors }));
    await ack();
    try {
      const ref = readDraftRef(view.private_metadata);
      if (!ref) throw new Error('unreadable edit form metadata');
      const actor = await deps.identity.actor(body.user.id, body.team?.id ?? undefined);
      const ctx = ctxFor(deps, actor, ref.incident);
      await assertDecider(ctx, ref, 'edit');
      await editDraft(ctx, { ...ref, status: read.value.status, text: read.value.body });
    } catch (error) {
      await deps.client.chat.postMessage({ channel: body.user.id, text: escapeMrkdwn(failureText(deps, 'edit_draft', error)) });
    }
  });
}
