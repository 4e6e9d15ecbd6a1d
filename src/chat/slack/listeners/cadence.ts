import type { App, BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { draftPublicUpdate } from '../../../services/draft/draft-public-update.ts';
import { snoozeCadence } from '../../../services/cadence/snooze.ts';
import { latestUpdate } from '../../../services/queries.ts';
import { readingZone } from '../../../services/reading-zone.ts';
import { formatTimeOfDay } from '../../../time/format.ts';
import { cadenceActions, snoozeButtonMinutes } from '../blocks/cadence.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { newDraftModal, newDraftModalId, readEditSubmission } from '../blocks/modals.ts';
import { type SlackDeps, ctxFor, failureText } from '../deps.ts';

const IncidentNumber = z.coerce.number().int().positive();

/**
 * The cadence reminder's buttons: "Draft an update" opens a form from where the last public update
 * left off, whose draft then waits for approval like any; "Snooze" holds the reminders back.
 */
export function registerCadenceActions(app: App, deps: SlackDeps): void {
  const actorOf = (body: { user: { id: string }; team?: { id: string } | null }) => deps.identity.actor(body.user.id, body.team?.id ?? undefined);

  app.action<BlockButtonAction>(cadenceActions.snooze, async ({ ack, body, action, respond }) => {
    await ack();
    try {
      const incident = IncidentNumber.parse(action.value);
      const ctx = ctxFor(deps, await actorOf(body), incident);
      const { until } = await snoozeCadence(ctx, { incident, minutes: snoozeButtonMinutes });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: escapeMrkdwn(`Update reminders snoozed until ${formatTimeOfDay(until, readingZone(ctx))}.`),
      });
    } catch (error) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(failureText(deps, cadenceActions.snooze, error)) });
    }
  });

  app.action<BlockButtonAction>(cadenceActions.draft, async ({ ack, body, action, respond }) => {
    await ack();
    try {
      const incident = IncidentNumber.parse(action.value);
      const ctx = ctxFor(deps, await actorOf(body), incident);
      const { status, body: text } = await latestUpdate(ctx, { incident });
      await deps.client.views.open({ trigger_id: body.trigger_id, view: newDraftModal({ incidentNumber: incident, status, body: text }) });
    } catch (error) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(failureText(deps, cadenceActions.draft, error)) });
    }
  });

  app.view(newDraftModalId, async ({ ack, body, view }) => {
    const read = readEditSubmission(view.state.values);
    if (!read.ok) return void (await ack({ response_action: 'errors', errors: read.errors }));
    await ack();
    try {
      const incident = IncidentNumber.parse((JSON.parse(view.private_metadata) as { incident?: unknown }).incident);
      const ctx = ctxFor(deps, await actorOf(body), incident);
      await draftPublicUpdate(ctx, { incident, status: read.value.status, text: read.value.body });
    } catch (error) {
      await deps.client.chat.postMessage({ channel: body.user.id, text: escapeMrkdwn(failureText(deps, newDraftModalId, error)) });
    }
  });
}
