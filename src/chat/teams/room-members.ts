import { platformUserId } from '../../domain/actor.ts';
import type { OverdueFollowUp } from '../../services/followup/overdue-reminders.ts';
import { overdueReminder } from '../render/follow-ups.ts';
import type { OutgoingMessage } from './connector-client.ts';
import { type Mention, mentionIn } from './mentions.ts';
import type { ChannelMembership, GraphClient } from './graph.ts';
import { teamsHtml } from './text.ts';

export type RoomChannelKind = 'private' | 'standard';

/** Who a new crisis room is for, and who of them Teams lets in: only members of the team can be. */
export interface RoomMembership {
  membership: ChannelMembership;
  /** Of the people asked for, the team's members, by Entra object id, with their names. */
  present: Map<string, string>;
  /** Of the people asked for, those not in the team. */
  missing: string[];
}

/**
 * A private room is created with its people in it, the first of them (the commander, when in the
 * team) its owner, as Graph requires. With nobody of the team to own it, the room is a standard
 * channel, which at least the team can see.
 */
export async function planRoomMembership(graph: GraphClient, teamId: string, kind: RoomChannelKind, people: string[]): Promise<RoomMembership> {
  const members = await graph.teamMembers(teamId);
  const present = new Map(people.filter((id) => members.has(id)).map((id) => [id, members.get(id)!] as const));
  const missing = people.filter((id) => !members.has(id));
  const [owner, ...others] = present.keys();
  const membership: ChannelMembership = kind === 'private' && owner ? { type: 'private', owner, members: others } : { type: 'standard' };
  return { membership, present, missing };
}

/**
 * The room's word on its people: those brought in (a private room) or, in a standard channel that
 * already holds the whole team, those called in by a mention, which notifies them; and those an
 * owner must first add to the team.
 */
export function respondersMessage({ membership, present, missing }: RoomMembership): OutgoingMessage | null {
  if (present.size === 0 && missing.length === 0) return null;
  const entities: Mention[] = [];
  const named = [...present].map(([id, name]) => mentionIn(entities, id, name, teamsHtml(name)));
  const lead = membership.type === 'private' ? 'Added to this private channel' : 'Responders';
  const lines = [
    ...(named.length > 0 ? [`${lead}: ${named.join(', ')}`] : []),
    ...(missing.length > 0
      ? [`Not members of this team, so they cannot see this channel (a team owner can add them): ${missing.map(teamsHtml).join(', ')}`]
      : []),
  ];
  return { text: lines.join('<br>'), ...(entities.length > 0 ? { entities } : {}) };
}

/** The room's word on someone given a role later (the commander's, the communications lead's…), whom crisisroom added to it. */
export function roleAddedMessage(id: string, name: string, title: string): OutgoingMessage {
  const entities: Mention[] = [];
  return { text: `Added ${mentionIn(entities, id, name, teamsHtml(name))} to this channel as the incident's ${teamsHtml(title)}.`, entities };
}

/** The room's reminder of overdue follow-ups: a Teams owner is mentioned, which notifies them; others are named. */
export function overdueMessage(incident: number, followUps: readonly OverdueFollowUp[]): OutgoingMessage {
  const entities: Mention[] = [];
  const lines = overdueReminder(incident, followUps, {
    escapeText: teamsHtml,
    owner: (row) => {
      const id = platformUserId(row.ownerId ?? undefined, 'teams');
      const name = row.ownerName ?? id ?? 'no owner';
      return id ? mentionIn(entities, id, name, teamsHtml(name)) : teamsHtml(name);
    },
    command: '@crisisroom',
  });
  return { text: `⏰ ${lines.join('<br>')}`, ...(entities.length > 0 ? { entities } : {}) };
}
