import type { CommandOf } from '../../grammar/commands.ts';
import type { Ctx } from '../../../services/context.ts';
import { listSubscriptions, subscribeChannel, unsubscribeChannel } from '../../../services/subscription/subscriptions.ts';

/** What a channel message tells about the channel it was typed in. */
export interface ChannelActivity {
  serviceUrl?: string | undefined;
  conversation: { id: string; conversationType?: string; tenantId?: string };
  channelData?: { channel?: { id?: string; name?: string }; team?: { id?: string; name?: string; aadGroupId?: string }; tenant?: { id?: string } };
}

/**
 * `channel subscribe|unsubscribe|list` typed in a Teams channel. What a later proactive post needs
 * is kept with the subscription: the channel's id, the Bot Connector that serves it and its tenant,
 * and its team's group id, through which a retry reads what an earlier attempt may have posted.
 */
export async function manageTeamsChannel(ctx: Ctx, activity: ChannelActivity, command: CommandOf<'channel'>): Promise<string> {
  if (command.action === 'list') {
    const subscriptions = await listSubscriptions(ctx);
    if (subscriptions.length === 0) return 'No customer channels are subscribed.';
    return [
      'Customer channels:',
      ...subscriptions.map((s) => `${s.channelName} · ${s.components.length > 0 ? s.components.join(', ') : 'all components'} · ${s.language} · ${s.timeZone}`),
    ].join('\n');
  }
  const channelId = activity.channelData?.channel?.id ?? activity.conversation.id.split(';')[0]!;
  if (activity.conversation.conversationType !== 'channel') return 'Type this in the Teams channel that should receive public updates, with @crisisroom.';
  // Teams names no channel in its activities but the General one, whose id is the team's.
  const team = activity.channelData?.team;
  const channelName = activity.channelData?.channel?.name ?? (team?.id === channelId ? `${team.name ?? 'team'} › General` : `${team?.name ?? 'Teams'} channel`);
  if (command.action === 'unsubscribe') {
    await unsubscribeChannel(ctx, { channelId });
    return `${channelName} will no longer receive public updates.`;
  }
  const tenantId = activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
  const subscription = await subscribeChannel(ctx, {
    channelId,
    channelName,
    components: command.components ?? [],
    ...(activity.serviceUrl ? { serviceUrl: activity.serviceUrl } : {}),
    ...(tenantId ? { tenantId } : {}),
    ...(team?.aadGroupId ? { teamGroupId: team.aadGroupId } : {}),
    ...(command.lang ? { language: command.lang } : {}),
    ...(command.timeZone ? { timeZone: command.timeZone } : {}),
  });
  const scope = subscription.components.length > 0 ? `incidents affecting ${subscription.components.join(', ')}` : 'every incident';
  return `${subscription.channelName} now receives approved public updates for ${scope}, in ${subscription.language}, times in ${subscription.timeZone}.`;
}
