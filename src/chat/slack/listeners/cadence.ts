import type { App } from '@slack/bolt';
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
import { onButton } from './button.ts';

const IncidentNumber = z.coerce.number().int().positive();

/**
 * The cadence reminder's buttons: "Draft an update" opens a form from where the last public update
 * left off, whose draft then waits for approval like any; "Snooze" holds the reminders back.
 */
export function registerCadenceActions(app: App, deps: SlackDeps): void {
  const actorOf = (body: { user: { id: string }; team?: { id: string } | null }) => deps.identity.actor(body.user.id, body.team?.id ?? undefined);

  onButton(app, deps, cadenceActions.snooze, async ({ actor, value }) => {
    const incident = IncidentNumber.parse(value);
    const ctx = ctxFor(deps, actor, incident);
    const { until } = await snoozeCadence(ctx, { incident, minutes: snoozeButtonMinutes });
    return `Update reminders snoozed until ${formatTimeOfDay(until, readingZone(ctx))}.`;
  });

  onButton(app, deps, cadenceActions.draft, async ({ actor, value, body }) => {
    const incident = IncidentNumber.parse(value);
    const { status, body: text } = await latestUpdate(ctxFor(deps, actor, incident), { incident });
    await deps.client.views.open({ trigger_id: body.trigger_id, view: newDraftModal({ incidentNumber: incident, status, body: text }) });
    return undefined;
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
