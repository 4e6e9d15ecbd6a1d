import type { App, MessageShortcut } from '@slack/bolt';
import { addNote } from '../../../services/incident/add-note.ts';
import { changeCommander } from '../../../services/incident/change-commander.ts';
import { declareIncident } from '../../../services/incident/declare-incident.ts';
import { incidentId } from '../../../domain/incident.ts';
import { readingZone } from '../../../services/reading-zone.ts';
import { recentLines } from '../../render/replies.ts';
import { readDeclareSubmission } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { type SlackDeps, ctxFor, failureText } from '../deps.ts';

/** The declare form (`/incident declare` with nothing after it) and the "Add to incident timeline" shortcut. */
export function registerDeclareAndTimeline(app: App, deps: SlackDeps): void {
  app.view('declare_incident', async ({ ack, body, view }) => {
    const read = readDeclareSubmission(view.state.values);
    if (!read.ok) return void (await ack({ response_action: 'errors', errors: read.errors }));
    await ack();
    const tell = (text: string) => deps.client.chat.postMessage({ channel: body.user.id, text: escapeMrkdwn(text) });
    try {
      // Slack may deliver one submission twice; the form's id makes it one incident.
      if (!(await deps.rooms.firstTime(`slack:view:${view.id}`, deps.clock.now()))) return;
      const actor = await deps.identity.actor(body.user.id, body.team?.id ?? undefined);
      const ctx = ctxFor(deps, actor, undefined);
      const { title, severity, components, commander } = read.value;
      const incident = await declareIncident(ctx, { title, severity, components });
      if (commander && commander !== actor.id) {
        await changeCommander({ ...ctx, roomIncidentId: incident.id }, { incident: incident.id, user: await deps.identity.resolveMention(commander) });
      }
      await tell(
        [`Declared ${incidentId(incident.id)}: ${incident.title}. Its crisis room is being opened.`, ...recentLines(incident, readingZone(ctx))].join('\n'),
      );
    } catch (error) {
      await tell(failureText(deps, 'declare form', error));
    }
  });

  // Two shortcuts record a message on the timeline: as a note, or as a key moment the incident report's draft tells.
  for (const [callbackId, key] of [
    ['add_to_timeline', false],
    ['add_key_moment', true],
  ] as const) {
    app.shortcut<MessageShortcut>({ callback_id: callbackId, type: 'message_action' }, async ({ ack, shortcut, respond }) => {
      await ack();
      const say = async (text: string) => {
        await respond({ response_type: 'ephemeral', text: escapeMrkdwn(text) });
      };
      try {
        const actor = await deps.identity.actor(shortcut.user.id, shortcut.team?.id ?? undefined);
        const incident = await deps.rooms.incidentOfChannel('slack', shortcut.channel.id);
        if (incident === undefined) return await say("This channel is not a crisis room: use the shortcut on a message in an incident's channel.");
        const message = shortcut.message;
        const author = message.user ? (await deps.identity.profile(message.user)).name : (message.username ?? 'unknown');
        const { permalink } = await deps.client.chat.getPermalink({ channel: shortcut.channel.id, message_ts: message.ts });
        const { seq } = await addNote(ctxFor(deps, actor, incident), {
          text: message.text || '(message without text)',
          // Slack's message timestamp is when it was said: the timeline keeps that, not when it was added.
          occurredAt: new Date(Number(message.ts) * 1000),
          source: { authorName: author, ...(permalink ? { link: permalink } : {}) },
          key,
        });
        await say(`Added to the timeline of ${incidentId(incident)} (#${seq})${key ? ' as a key moment' : ''}.`);
      } catch (error) {
        await say(failureText(deps, key ? 'add as key moment' : 'add to timeline', error));
      }
    });
  }
}
