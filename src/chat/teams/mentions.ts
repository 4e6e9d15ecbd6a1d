/** A mention crisisroom builds itself (never what someone typed): it notifies the person. */
export interface Mention {
  type: 'mention';
  text: string;
  mentioned: { id: string; name: string };
}

/**
 * `<at>…</at>` for a person, with `shown` (their name, already escaped for where it goes) inside,
 * recorded once in `mentions`: the entities a message or card must carry for Teams to notify them.
 */
export function mentionIn(mentions: Mention[], id: string, name: string, shown: string): string {
  const text = `<at>${shown}</at>`;
  if (!mentions.some((mention) => mention.mentioned.id === id)) mentions.push({ type: 'mention', text, mentioned: { id, name } });
  return text;
}
