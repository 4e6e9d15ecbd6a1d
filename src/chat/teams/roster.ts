import type { App } from '@microsoft/teams.apps';
import type { Log } from '../../log.ts';

/**
 * The Teams user ids (`29:…`) of Entra users in a conversation, as its roster gives them. A card's
 * `refresh.userIds` takes these: they are the ids activities come `from`, which is what Microsoft's
 * Universal Actions guide puts there. A roster is read again only for someone it has not been
 * asked about before, so editing a card costs no roster call.
 */
export function createRosterIds(api: App['api'], log: Log) {
  const rosters = new Map<string, { ids: Map<string, string>; asked: Set<string> }>();

  async function read(conversation: string) {
    const members = await api.conversations.members(conversation).get();
    return new Map(members.flatMap((m) => (m.aadObjectId && m.id ? [[m.aadObjectId.toLowerCase(), m.id] as const] : [])));
  }

  return async function rosterIds(conversationId: string, aadObjectIds: string[]): Promise<string[]> {
    const conversation = conversationId.split(';')[0]!;
    const wanted = aadObjectIds.map((id) => id.toLowerCase());
    let roster = rosters.get(conversation);
    if (!roster || wanted.some((id) => !roster!.asked.has(id))) {
      try {
        roster = { ids: await read(conversation), asked: new Set([...(roster?.asked ?? []), ...wanted]) };
        rosters.set(conversation, roster);
      } catch (error) {
        // Without the roster the card still works; it is only not refreshed by itself.
        log('teams: reading the roster for a card refresh failed', error);
        return [];
      }
    }
    const { ids } = roster;
    return wanted.flatMap((id) => (ids.has(id) ? [ids.get(id)!] : []));
  };
}
