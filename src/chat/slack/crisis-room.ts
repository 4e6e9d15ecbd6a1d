import type { WebClient } from '@slack/web-api';
import { incidentId } from '../../domain/incident.ts';
import { slugify } from '../../status-page/component-groups.ts';

/** Slack's limit on channel names. */
const maxNameLength = 80;

/** `inc-7-smart-contacts-not-exchanging-messages`, within Slack's length and character rules. */
export function roomName(prefix: string, number: number, title: string, suffix = 1): string {
  const head = `${prefix}-${number}`;
  const tail = suffix > 1 ? `-${suffix}` : '';
  const slug = slugify(title).slice(0, maxNameLength - head.length - tail.length - 1).replace(/-+$/, '');
  return `${head}${slug ? `-${slug}` : ''}${tail}`;
}

/** The `error` of a Slack Web API refusal (e.g. `name_taken`), if that is what was thrown. */
export function slackError(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

/** Creates the channel, taking the next free name when one is taken. */
export async function createRoomChannel(client: WebClient, prefix: string, number: number, title: string): Promise<{ id: string; name: string }> {
  for (let suffix = 1; suffix <= 20; suffix++) {
    const name = roomName(prefix, number, title, suffix);
    try {
      const { channel } = await client.conversations.create({ name });
      return { id: channel!.id!, name: channel!.name ?? name };
    } catch (error) {
      if (slackError(error) !== 'name_taken') throw error;
    }
  }
  throw new Error(`no free channel name for ${incidentId(number)} after 20 tries`);
}

/** Refusals about one person rather than the channel: the others are still invited. */
const personalErrors = new Set(['user_not_found', 'cant_invite_self', 'cant_invite', 'user_is_restricted', 'ura_max_channels', 'user_disabled']);

/** Invites people, skipping the bot and anyone already there; one unknown user does not stop the rest. */
export async function invitePeople(client: WebClient, channel: string, userIds: readonly string[], botUserId: string): Promise<string[]> {
  const wanted = [...new Set(userIds)].filter((id) => id !== botUserId);
  if (wanted.length === 0) return [];
  try {
    await client.conversations.invite({ channel, users: wanted.join(',') });
    return wanted;
  } catch (error) {
    if (slackError(error) === 'already_in_channel') return [];
    if (!personalErrors.has(slackError(error) ?? '')) throw error;
    if (wanted.length === 1) return [];
    const invited: string[] = [];
    for (const id of wanted) invited.push(...(await invitePeople(client, channel, [id], botUserId)));
    return invited;
  }
}
