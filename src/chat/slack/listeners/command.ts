import type { App, SlashCommand } from '@slack/bolt';
import { handleCommand } from '../../handle-command.ts';
import type { CommandOf } from '../../grammar/commands.ts';
import { listSubscriptions, subscribeChannel, unsubscribeChannel } from '../../../services/subscription/subscriptions.ts';
import type { Ctx } from '../../../services/context.ts';
import { declareModal } from '../blocks/modals.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { type SlackDeps, ctxFor, failureText } from '../deps.ts';
import { type StoredCommand, commandKey } from '../command-jobs.ts';

/**
 * `/incident …`: recorded, then acknowledged (Slack allows 3 seconds), done by the job loop and
 * answered through the response URL, visible only to the person who typed it. Once Slack has been
 * told the command arrived, it is done, whatever happens to this process.
 */
export function registerIncidentCommand(app: App, deps: SlackDeps): void {
  app.command('/incident', async ({ command, ack, respond }) => {
    // The declare form must open within the 3 s its trigger id lives: it is not a job.
    if (/^declare$/i.test(command.text.trim())) {
      await ack();
      try {
        if (await deps.rooms.firstTime(commandKey(command), deps.clock.now())) await openDeclareModal(deps, command);
      } catch (error) {
        await respond({ response_type: 'ephemeral', text: escapeMrkdwn(failureText(deps, '/incident declare', error)) });
      }
      return;
    }
    let admission;
    try {
      admission = await deps.commands.admit(command);
    } catch (error) {
      await ack({ response_type: 'ephemeral', text: escapeMrkdwn(failureText(deps, '/incident', error)) });
      return;
    }
    if (admission.outcome === 'busy') {
      const seconds = deps.commands.retryAfterSeconds(admission.waiting);
      await ack({
        response_type: 'ephemeral',
        text: `crisisroom is busy: ${admission.waiting} commands are waiting to be done. Nothing was recorded; try again in ${seconds} s.`,
      });
      return;
    }
    await ack();
  });
}

/** Does one recorded command and says what to answer; a change it makes is made once, retries included. */
export async function answerCommand(deps: SlackDeps, command: StoredCommand): Promise<string> {
  try {
    const actor = await deps.identity.actor(command.user_id, command.team_id);
    const [roomIncidentId, channelZone] = await Promise.all([
      deps.rooms.incidentOfChannel('slack', command.channel_id),
      deps.rooms.zoneOfChannel('slack', command.channel_id),
    ]);
    const ctx = { ...ctxFor(deps, actor, roomIncidentId, channelZone), requestKey: commandKey(command) };
    return await handleCommand(
      {
        ctx,
        resolveUser: (token) => deps.identity.resolveMention(token),
        log: deps.log,
        channel: (channelCommand) => manageChannel(deps, ctx, command, channelCommand),
      },
      command.text.trim(),
    );
  } catch (error) {
    return failureText(deps, '/incident', error);
  }
}

async function openDeclareModal(deps: SlackDeps, command: SlashCommand): Promise<void> {
  const components = deps.services.config.components.flatMap((group) => group.items);
  await deps.client.views.open({ trigger_id: command.trigger_id, view: declareModal(components, { commanderSlackId: command.user_id }) });
}

async function manageChannel(deps: SlackDeps, ctx: Ctx, command: StoredCommand, channel: CommandOf<'channel'>): Promise<string> {
  if (channel.action === 'list') {
    const subscriptions = await listSubscriptions(ctx);
    if (subscriptions.length === 0) return 'No customer channels are subscribed.';
    return [
      'Customer channels:',
      ...subscriptions.map(
        (s) => `#${s.channelName} · ${s.components.length > 0 ? s.components.join(', ') : 'all components'} · ${s.language} · ${s.timeZone}`,
      ),
    ].join('\n');
  }
  if (channel.action === 'unsubscribe') {
    await unsubscribeChannel(ctx, { channelId: command.channel_id });
    return `#${command.channel_name} will no longer receive public updates.`;
  }
  const info = await deps.client.conversations.info({ channel: command.channel_id });
  if (!info.channel?.is_member) return 'Invite crisisroom to this channel first (/invite @crisisroom), then subscribe it.';
  const subscription = await subscribeChannel(ctx, {
    channelId: command.channel_id,
    channelName: info.channel.name ?? command.channel_name,
    components: channel.components ?? [],
    ...(channel.lang ? { language: channel.lang } : {}),
    ...(channel.timeZone ? { timeZone: channel.timeZone } : {}),
  });
  const scope = subscription.components.length > 0 ? `incidents affecting ${subscription.components.join(', ')}` : 'every incident';
  return `#${subscription.channelName} now receives approved public updates for ${scope}, in ${subscription.language}, times in ${subscription.timeZone}.`;
}
