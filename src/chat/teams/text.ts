import type { Actor } from '../../domain/actor.ts';
import { isValidTimeZone } from '../../time/zone.ts';

/**
 * Text for a Teams message sent with textFormat "xml": every character that could open markup is
 * an entity, so what a person typed shows as typed. `<at>…</at>` becomes visible text: only the
 * mention entities crisisroom builds itself ping anyone, never what someone typed.
 */
export function teamsHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;')
    .replaceAll('\n', '<br>');
}

interface MentionEntity {
  type: 'mention';
  text?: string;
  mentioned?: { id?: string; name?: string };
}

interface MessageLike {
  text?: string;
  recipient?: { id?: string };
  entities?: unknown[];
}

const mentionsOf = (activity: MessageLike) =>
  (activity.entities ?? []).filter((entity): entity is MentionEntity => (entity as { type?: unknown } | null)?.type === 'mention');

const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/**
 * The command line of a message addressed to the bot: the text with the bot's own mention removed
 * (Teams writes it as `<at>crisisroom</at>` and names it in a mention entity) and the few entities
 * Teams uses decoded. Other people's mentions become `@Name`, except after `commander`, `role <role>` and `--owner`,
 * where the grammar takes one word: there the mention becomes the person's Teams id, resolved by mentionedUser.
 * Spaces and line breaks inside are kept, as typed: a note or an update may have paragraphs. A line
 * break sent as CR LF is the transport's way of writing one, so it is read as the line break typed.
 */
export function commandLine(activity: MessageLike): string {
  const mentions = mentionsOf(activity).filter((mention) => mention.text);
  let text = activity.text ?? '';
  for (const mention of mentions) if (mention.mentioned?.id === activity.recipient?.id) text = text.replaceAll(mention.text!, ' ');
  const isCommander = /^\s*(?:\/?incident\s+)?commander\b/i.test(text);
  for (const mention of mentions) {
    if (mention.mentioned?.id === activity.recipient?.id || !mention.mentioned?.id) continue;
    const { id, name } = mention.mentioned;
    const roleHead = /^\s*(?:\/?incident\s+)?role\s+(?:INC-\d+\s+)?[\w-]+\s+/i.exec(text)?.[0];
    if (isCommander) text = text.replaceAll(mention.text!, ` ${id} `);
    else if (roleHead !== undefined && text.slice(roleHead.length).startsWith(mention.text!))
      text = `${roleHead}${id} ${text.slice(roleHead.length + mention.text!.length)}`;
    else text = text.replaceAll(`--owner ${mention.text!}`, `--owner ${id} `).replaceAll(mention.text!, `@${name ?? id}`);
  }
  return text
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (entity) => entities[entity]!)
    .replace(/\r\n?/g, '\n')
    .trim()
    .replace(/^\/?incident\b\s*/i, '');
}

/** The person a mention in the command line stands for (commandLine wrote it as their Teams id). */
export function mentionedUser(activity: MessageLike, token: string): { id: string; name: string } | undefined {
  const mention = mentionsOf(activity).find((m) => m.mentioned?.id === token && token !== activity.recipient?.id);
  return mention?.mentioned?.id ? { id: mention.mentioned.id, name: mention.mentioned.name ?? mention.mentioned.id } : undefined;
}

interface ActivityPerson {
  from?: { id?: string; aadObjectId?: string; name?: string };
  localTimezone?: string;
  entities?: unknown[];
}

/**
 * The Teams person behind an activity, known by their Entra (AAD) object id, which stays the same
 * across chats and teams. Their zone is the one their Teams client reports, when it is a real zone.
 */
export function actorOf(activity: ActivityPerson): Actor | undefined {
  const id = activity.from?.aadObjectId;
  if (!id) return undefined;
  const clientInfo = (activity.entities ?? []).find((entity) => (entity as { type?: unknown } | null)?.type === 'clientInfo') as
    | { timezone?: unknown }
    | undefined;
  const zone = [activity.localTimezone, clientInfo?.timezone].find(
    (candidate): candidate is string => typeof candidate === 'string' && isValidTimeZone(candidate),
  );
  return { platform: 'teams', id, name: activity.from?.name || id, ...(zone ? { timeZone: zone } : {}) };
}
