import type { WebClient } from '@slack/web-api';
import { PermanentDeliveryError } from '../../delivery/target.ts';
import { incidentId } from '../../domain/incident.ts';
import type { RoomCall } from './room-calls.ts';
import { roomName } from '../../domain/room-name.ts';
import { slackError } from './slack-errors.ts';

/**
 * Creates the channel, taking the next free name when one is taken. A name taken by a channel
 * `adopt` recognises (one an earlier attempt created, whose answer was lost) is that channel.
 */
export async function createRoomChannel(
  call: RoomCall,
  client: WebClient,
  room: { prefix: string; number: number; title: string },
  adopt: (name: string) => Promise<{ id: string; name: string } | undefined>,
): Promise<{ id: string; name: string }> {
  for (let suffix = 1; suffix <= 20; suffix++) {
    const name = roomName(room.prefix, room.number, room.title, suffix);
    const created = await call('conversations.create', undefined, () =>
      client.conversations.create({ name }).catch((error: unknown) => {
        if (slackError(error) === 'name_taken') return null;
        throw error;
      }),
    );
    if (created) return { id: created.channel!.id!, name: created.channel!.name ?? name };
    const ours = await adopt(name);
    if (ours) return ours;
  }
  throw new PermanentDeliveryError(`no free channel name for ${incidentId(room.number)} after 20 tries`);
}

/** The channel named `name` that the bot created, if the bot can see one (public channels, and private ones it is in). */
export async function findOwnChannel(call: RoomCall, client: WebClient, name: string, botUserId: string): Promise<{ id: string; name: string } | undefined> {
  let cursor: string | undefined;
  do {
    const page = await call('conversations.list', undefined, () =>
      client.conversations.list({ types: 'public_channel,private_channel', exclude_archived: true, limit: 1000, ...(cursor ? { cursor } : {}) }),
    );
    const found = page.channels?.find((c) => c.name === name && c.creator === botUserId);
    if (found?.id) return { id: found.id, name };
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}

/** Refusals about one person rather than the channel: the others are still invited. */
const personalErrors = new Set(['user_not_found', 'cant_invite_self', 'cant_invite', 'user_is_restricted', 'ura_max_channels', 'user_disabled']);

/**
 * Invites people, skipping the bot and anyone already there; one unknown user does not stop the
 * rest. Inviting again is harmless, so a retry simply invites again.
 */
export async function invitePeople(call: RoomCall, client: WebClient, channel: string, userIds: readonly string[], botUserId: string): Promise<string[]> {
  const wanted = [...new Set(userIds)].filter((id) => id !== botUserId);
  if (wanted.length === 0) return [];
  // A refusal about the people rather than the channel is answered here; it is no failure of the call.
  const refusal = await call('conversations.invite', channel, () =>
    client.conversations.invite({ channel, users: wanted.join(',') }).then(
      () => undefined,
      (error: unknown) => {
        const code = slackError(error);
        if (code === 'already_in_channel' || personalErrors.has(code ?? '')) return code;
        throw error;
      },
    ),
  );
  if (refusal === undefined) return wanted;
  if (refusal === 'already_in_channel' || wanted.length === 1) return [];
  const invited: string[] = [];
  for (const id of wanted) invited.push(...(await invitePeople(call, client, channel, [id], botUserId)));
  return invited;
}
