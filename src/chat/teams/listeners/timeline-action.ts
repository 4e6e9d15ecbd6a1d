import type { App } from '@microsoft/teams.apps';
import { z } from 'zod';
import { incidentId } from '../../../domain/incident.ts';
import { addNote } from '../../../services/incident/add-note.ts';
import { adaptiveCard, textBlock } from '../cards/card-text.ts';
import { dialogCard, dialogMessage } from '../cards/forms.ts';
import { messagePlainText } from '../message-text.ts';
import { actorOf } from '../text.ts';
import { type TeamsDeps, ctxFor, failureText } from './deps.ts';

/** The manifest's message action (composeExtensions[0].commands[0].id). */
export const timelineCommandId = 'addToTimeline';

const notARoom = 'This conversation is not a crisis room: use "Add to incident timeline" on a message in an incident\'s channel or thread.';

/** The message the action was used on, as Teams sends it (messagePayload); only what the timeline keeps. */
const MessagePayload = z.object({
  id: z.string().min(1),
  createdDateTime: z.iso.datetime({ offset: true, error: 'Teams sent the message without the time it was sent' }),
  from: z
    .object({
      user: z.object({ displayName: z.string().optional() }).optional(),
      application: z.object({ displayName: z.string().optional() }).optional(),
    })
    .optional(),
  body: z.object({ contentType: z.string().optional(), content: z.string().optional() }).optional(),
  linkToMessage: z.url({ protocol: /^https$/ }).optional(),
});

interface ActionActivity {
  id?: string;
  conversation: { id: string };
  from?: { id?: string; aadObjectId?: string; name?: string };
  localTimezone?: string;
  entities?: unknown[];
  value: { commandId?: string; messagePayload?: unknown; data?: unknown };
}

/** The dialog's one input: whether the message is a key moment, which the incident report's draft tells. */
const DialogData = z.object({ key: z.enum(['true', 'false']).default('false') }).catch({ key: 'false' });

/**
 * "Add to incident timeline", the message action of crisisroom's message extension: records the
 * message on the timeline of the incident whose crisis room it is in, as the Slack shortcut does —
 * at the time it was sent, with its author and its link. The action first opens a dialog naming
 * the incident (Teams shows one for every action command); its button sends the message to record.
 */
export function registerTimelineAction(app: App, deps: TeamsDeps): void {
  /** A crisis room is a channel, or a thread of the incidents channel (its conversation id names the thread). */
  async function roomIncident(conversationId: string): Promise<number | undefined> {
    return (await deps.rooms.incidentOfChannel('teams', conversationId)) ?? (await deps.rooms.incidentOfChannel('teams', conversationId.split(';')[0]!));
  }

  app.on('message.ext.open', async ({ activity }) => {
    if (activity.value.commandId !== timelineCommandId) return dialogMessage('This action is not one crisisroom knows.');
    const incident = await roomIncident(activity.conversation.id);
    if (incident === undefined) return dialogMessage(notARoom);
    const author = MessagePayload.safeParse(activity.value.messagePayload);
    const who = author.success ? (author.data.from?.user?.displayName ?? author.data.from?.application?.displayName) : undefined;
    return dialogCard(
      'Add to incident timeline',
      adaptiveCard({
        body: [
          textBlock(`Add this message${who ? ` by ${who}` : ''} to the timeline of ${incidentId(incident)}, at the time it was sent?`, { wrap: true }),
          { type: 'Input.Toggle', id: 'key', title: 'A key moment: the incident report tells it', value: 'false', valueOn: 'true', valueOff: 'false' },
        ],
        actions: [{ type: 'Action.Submit', title: 'Add' }],
      }),
    );
  });

  app.on('message.ext.submit', async ({ activity }) => recordMessage(activity));

  async function recordMessage(activity: ActionActivity) {
    if (activity.value.commandId !== timelineCommandId) return dialogMessage('This action is not one crisisroom knows.');
    const actor = actorOf(activity);
    if (!actor) return dialogMessage('crisisroom answers people of your organisation only.');
    try {
      const incident = await roomIncident(activity.conversation.id);
      if (incident === undefined) return dialogMessage(notARoom);
      const read = MessagePayload.safeParse(activity.value.messagePayload);
      if (!read.success)
        return dialogMessage(`Teams sent this message in a form crisisroom cannot read: ${read.error.issues[0]!.message}. Nothing was recorded.`);
      // Teams may deliver one invoke twice; its id makes it one timeline entry.
      if (!(await deps.rooms.firstTime(`teams:activity:${activity.conversation.id}:${activity.id}`, deps.clock.now())))
        return dialogMessage('This was already handled: the timeline shows it if it was added.');
      const message = read.data;
      const key = DialogData.parse(activity.value.data ?? {}).key === 'true';
      const author = message.from?.user?.displayName || message.from?.application?.displayName || 'unknown';
      const { seq } = await addNote(ctxFor(deps, actor, incident), {
        text: messagePlainText(message.body ?? {}) || '(message without text)',
        // The message's own time is when it was said: the timeline keeps that, not when it was added.
        occurredAt: new Date(message.createdDateTime),
        source: { authorName: author.slice(0, 100), ...(message.linkToMessage ? { link: message.linkToMessage } : {}) },
        key,
      });
      return dialogMessage(`Added to the timeline of ${incidentId(incident)} (#${seq})${key ? ' as a key moment' : ''}.`);
    } catch (error) {
      return dialogMessage(failureText(deps, 'add to timeline', error));
    }
  }
}
