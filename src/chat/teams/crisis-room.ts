import { incidentId } from '../../domain/incident.ts';
import { roomName } from '../../domain/room-name.ts';
import { type ChannelMembership, type GraphClient, GraphError } from './graph.ts';

/** Teams' limit on a channel's display name. */
const maxNameLength = 50;

/** Graph's answer when the team already has a channel of that name (documented as 409, seen as 400 too). */
const isNameConflict = (error: unknown) =>
  error instanceof GraphError && (error.status === 409 || (error.status === 400 && /already exist/i.test(error.message)));

/** Graph's refusals that mean crisisroom may not create channels in the team (no consent, no team). */
export const isNotPermitted = (error: unknown): error is GraphError => error instanceof GraphError && [401, 403].includes(error.status);

/** `inc-7-ticket-distribution-stopped`, within Teams' 50 characters; `-2`, `-3`… when the name is taken. */
function teamsRoomName(prefix: string, number: number, title: string, suffix = 1): string {
  const tail = suffix > 1 ? `-${suffix}` : '';
  return `${roomName(prefix, number, title)
    .slice(0, maxNameLength - tail.length)
    .replace(/-+$/, '')}${tail}`;
}

/**
 * Creates the incident's channel in the team, taking the next free name when one is taken. A name
 * taken by the very channel an earlier attempt created (its answer lost) is that channel: `adopt`
 * says so, when given, and it is taken as the room.
 */
export async function createRoomChannel(
  graph: GraphClient,
  teamId: string,
  room: { prefix: string; number: number; title: string; description: string; membership: ChannelMembership },
  adopt?: (name: string) => Promise<{ id: string; name: string } | undefined>,
) {
  const { prefix, number, title, description, membership } = room;
  for (let suffix = 1; suffix <= 20; suffix++) {
    const displayName = teamsRoomName(prefix, number, title, suffix);
    try {
      const channel = await graph.createChannel(teamId, { displayName, description: description.slice(0, 1024) }, membership);
      return { id: channel.id, name: channel.displayName || displayName };
    } catch (error) {
      if (!isNameConflict(error)) throw error;
      const earlier = await adopt?.(displayName);
      if (earlier) return earlier;
    }
  }
  throw new Error(`no free channel name for ${incidentId(number)} after 20 tries`);
}
