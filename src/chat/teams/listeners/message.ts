import type { App } from '@microsoft/teams.apps';
import { CrisisError } from '../../../domain/errors.ts';
import { handleCommand } from '../../handle-command.ts';
import { cardAttachment } from '../cards/card-text.ts';
import { declareLauncher } from '../cards/forms.ts';
import { withOrigin } from '../origin.ts';
import { actorOf, commandLine, mentionedUser, teamsHtml } from '../text.ts';
import { manageTeamsChannel } from './channel.ts';
import { type TeamsDeps, ctxFor, failureText } from './deps.ts';

/** Teams answers in the conversation the command came from; in a channel that is the message's thread. */
type Reply = (text: string) => Promise<unknown>;

/**
 * A message to the bot — an @mention in a channel, anything in a personal chat — is an
 * `/incident` command line. It is answered in the thread it was typed in, or in the chat.
 */
export function registerMessageListener(app: App, deps: TeamsDeps): void {
  app.on('message', async ({ activity, api, send }) => {
    const inChannel = activity.conversation.conversationType === 'channel';
    const reply: Reply = (text) =>
      send({ type: 'message', text: teamsHtml(text), textFormat: 'xml', ...(inChannel && activity.id ? { replyToId: activity.id } : {}) });
    try {
      // Bot Framework redelivers an activity it saw no answer to in time: act on it once.
      if (!(await deps.rooms.firstTime(`teams:activity:${activity.conversation.id}:${activity.id}`, deps.clock.now()))) return;
      const actor = actorOf(activity);
      if (!actor) return void (await reply('crisisroom answers people of your organisation only.'));
      // A bot message cannot open a dialog: the answer is a card whose button opens the declare form.
      if (/^declare$/i.test(commandLine(activity))) {
        return void (await send({
          type: 'message',
          attachments: [cardAttachment(declareLauncher())],
          ...(inChannel && activity.id ? { replyToId: activity.id } : {}),
        }));
      }
      const channelKey = activity.conversation.id.split(';')[0]!;
      // A crisis room is a channel, or a thread of the incidents channel (its conversation id names the thread).
      const [threadIncidentId, channelIncidentId, channelZone] = await Promise.all([
        deps.rooms.incidentOfChannel('teams', activity.conversation.id),
        deps.rooms.incidentOfChannel('teams', channelKey),
        deps.rooms.zoneOfChannel('teams', channelKey),
      ]);
      const roomIncidentId = threadIncidentId ?? channelIncidentId;
      const ctx = ctxFor(deps, actor, roomIncidentId, channelZone);
      const origin = {
        serviceUrl: activity.serviceUrl ?? '',
        conversationId: activity.conversation.id,
        ...(inChannel && activity.id ? { replyToId: activity.id } : {}),
      };
      const answer = await withOrigin(origin, () =>
        handleCommand(
          {
            ctx,
            log: deps.log,
            channel: (command) => manageTeamsChannel(ctx, activity, command),
            resolveUser: async (token) => {
              const mentioned = mentionedUser(activity, token);
              if (!mentioned) throw new CrisisError('invalid_input', `Name a person with an @mention, e.g. @crisisroom commander @Alice (got "${token}").`);
              const member = await api.conversations.getMemberById(activity.conversation.id, mentioned.id);
              if (!member.aadObjectId) throw new CrisisError('invalid_input', `${mentioned.name} is not a member of your organisation.`);
              return { id: member.aadObjectId, name: member.name || mentioned.name };
            },
          },
          commandLine(activity),
        ),
      );
      await reply(answer);
    } catch (error) {
      await reply(failureText(deps, 'a message', error)).catch((lost: unknown) => deps.log('teams: answering a failed message failed too', lost));
    }
  });
}
