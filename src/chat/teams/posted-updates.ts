import type { ChannelMessage, GraphClient } from './graph.ts';

/** Messages older than this before the update's publication cannot be its post, whatever the clocks say. */
const clockSlackMs = 5 * 60_000;

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/**
 * What a reader sees of a Teams message's HTML: tags gone, breaks as new lines, entities decoded,
 * spaces collapsed. Teams may rewrite the markup of a post it stores (`<b>` as `<strong>`, attribute
 * order), never what it says, so a post is known by its text.
 */
export function visibleText(html: string): string {
  return html
    .replace(/<(br|hr)\s*\/?>|<\/(p|div|li)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return entities[name.toLowerCase()] ?? whole;
    })
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

export interface PostedUpdateQuery {
  teamId: string;
  channelId: string;
  /** The first post of the incident's thread, when the update is a reply in it. */
  threadId?: string;
  /** The HTML crisisroom sends for the update, or, for a card, the key its card carries (see keyedCard). */
  html?: string;
  cardKey?: string;
  /** The update's publication: its post cannot be older. */
  since: Date;
  /** The bot's app id: only its own posts count. */
  appId: string;
}

/**
 * A card as posted by room work: its first element carries `key`, which Graph gives back in the
 * card's JSON, so a post whose answer was lost is found again.
 */
export function keyedCard<T extends { body?: unknown[] }>(card: T, key: string): T {
  const [first, ...rest] = card.body ?? [];
  return { ...card, body: [{ ...(first as object), id: key }, ...rest] };
}

/**
 * The id of the post an earlier attempt made of this update, if Teams stored it although the
 * answer never came back: crisisroom's own message with the same text, in the channel (newest
 * first, reading back only to the publication) or in the incident's thread.
 */
export async function findPostedUpdate(graph: GraphClient, query: PostedUpdateQuery): Promise<string | undefined> {
  const earliest = query.since.getTime() - clockSlackMs;
  const recent = (message: ChannelMessage) => Date.parse(message.createdDateTime) >= earliest;
  const messages = await graph.messages(query.teamId, query.channelId, {
    ...(query.threadId ? { replyTo: query.threadId } : {}),
    // A thread is short: all of it is read. A channel's posts come newest first: read back to the publication.
    more: (page) => Boolean(query.threadId) || page.every(recent),
  });
  const wanted = query.html === undefined ? undefined : visibleText(query.html);
  const same = (m: ChannelMessage) =>
    query.cardKey === undefined
      ? visibleText(m.body.content ?? '') === wanted
      : (m.attachments ?? []).some((a) => (a.content ?? '').includes(JSON.stringify(query.cardKey)));
  return messages.find((m) => !m.deletedDateTime && m.from?.application?.id === query.appId && recent(m) && same(m))?.id;
}
