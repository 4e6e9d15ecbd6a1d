import { PermanentDeliveryError } from '../../delivery/target.ts';
import { incidentId } from '../../domain/incident.ts';
import { ConnectorError } from './connector-client.ts';
import { createRoomChannel, isNotPermitted } from './crisis-room.ts';
import type { Origin } from './origin.ts';
import { type RoomMembership, planRoomMembership, respondersMessage } from './room-members.ts';
import { type Briefing, type RoomTools, briefingKey, teamsUser } from './room-tools.ts';

/**
 * Opening an incident's room in Teams: its channel in the team with its people (or, where Graph may
 * not create one, a thread in the incidents channel), the briefing, and the word on who was brought
 * in. A retry finds the channel by its name and description, and each post by its text or card key.
 */
export function createRoomOpening(tools: RoomTools) {
  const { deps, posts, graphCall, inRoom, teamsConfig } = tools;
  const { connector, graph, rooms } = deps;

  /** Who a new room is for: the commander, the declarer and the configured responders. */
  async function peopleOf(incident: number, commanderId: string): Promise<string[]> {
    const ids = [teamsUser(commanderId), teamsUser(await rooms.declarerOf(incident)), ...teamsConfig().responders.map((id) => id.toLowerCase())];
    return [...new Set(ids)].filter((id): id is string => Boolean(id));
  }

  /** Who of the room's people the team lets in (see room-members.ts). */
  async function planFor(incident: number, commanderId: string): Promise<RoomMembership> {
    const { teamId, roomChannel } = teamsConfig();
    const people = await peopleOf(incident, commanderId);
    return graphCall('reading the team’s members', () => planRoomMembership(graph, teamId!, roomChannel, people));
  }

  /** The incident's channel in the team, created, or found where an earlier attempt created it. */
  async function createChannel(incident: number, title: string, commanderId: string, retry: boolean) {
    const { teamId, channelPrefix } = teamsConfig();
    const planned = await planFor(incident, commanderId);
    const description = `${title} · status page ${deps.publicBaseUrl()}`.slice(0, 1024);
    const adopt = async (name: string) => {
      if (!retry) return undefined;
      // Its description names the incident's title as crisisroom writes it (the status page's address may have changed since).
      const ours = (c: { displayName: string; description?: string | null | undefined }) =>
        c.displayName === name && (c.description ?? '').startsWith(`${title} · status page `);
      const found = (await graphCall('looking for the channel an earlier attempt created', () => graph.channels(teamId!))).find(ours);
      return found && (await rooms.incidentOfChannel('teams', found.id)) === undefined ? { id: found.id, name: found.displayName } : undefined;
    };
    const channel = await graphCall('creating the channel', () =>
      createRoomChannel(graph, teamId!, { prefix: channelPrefix, number: incident, title, description, membership: planned.membership }, adopt),
    );
    return { channel, planned };
  }

  async function openRoom(incident: number, origin: Origin | undefined, retry: boolean): Promise<void> {
    const { teamId, incidentsChannelId } = teamsConfig();
    // Neither a team nor an incidents channel: this installation keeps no crisis rooms in Teams.
    if (!teamId && !incidentsChannelId) return;
    const briefing = await tools.briefing(incident);
    const since = briefing.data.incident.declaredAt;
    let room = await rooms.roomOf(incident, 'teams');
    let refusal = teamId ? null : 'no team is configured for crisis rooms (teams.teamId)';
    // Who the channel was created for, when this attempt created it: its word on the room's people says so.
    let planned: RoomMembership | undefined;
    if (!room && teamId) {
      try {
        const created = await createChannel(incident, briefing.data.incident.title, briefing.data.incident.commanderId, retry);
        planned = created.planned;
        room = await rooms.recordRoom({
          incidentId: incident,
          platform: 'teams',
          channelId: created.channel.id,
          name: created.channel.name,
          createdAt: deps.services.clock.now(),
        });
      } catch (error) {
        if (!isNotPermitted(error)) throw error;
        refusal = `Microsoft Graph did not allow crisisroom to create a channel in the team (${error.status} ${error.code}); a team owner grants it by installing the app in the team`;
      }
    }
    if (room && !room.channelId.includes(';')) return introduceChannel(incident, room, briefing, retry, planned);
    if (room) return;
    deps.log(`teams: no crisis-room channel for ${incidentId(incident)}: ${refusal}`);
    const instead = incidentsChannelId
      ? 'It has a thread in the incidents channel instead.'
      : 'Set teams.incidentsChannelId to give incidents a thread there instead.';
    await tools.tellOrigin(origin, `No crisis-room channel for ${incidentId(incident)}: ${refusal}. ${instead}`, retry, since);
    if (incidentsChannelId) await startThread(incident, incidentsChannelId, briefing, retry, since);
  }

  /** The incident's thread in the incidents channel, its first post the briefing. */
  async function startThread(incident: number, incidentsChannelId: string, { message }: Briefing, retry: boolean, since: Date): Promise<void> {
    const earlier = retry
      ? await posts.findEarlier('starting the incident’s thread', inRoom(incidentsChannelId), message, since, briefingKey(incident))
      : undefined;
    const thread = earlier
      ? { conversationId: `${incidentsChannelId};messageid=${earlier}`, activityId: earlier }
      : await posts.send('starting the incident’s thread', incidentsChannelId, () =>
          connector.startThread(tools.serviceUrl, incidentsChannelId, deps.settings.tenantIds[0]!, message),
        );
    const created = await rooms.recordRoom({
      incidentId: incident,
      platform: 'teams',
      channelId: thread.conversationId,
      name: `${incidentId(incident)} thread`,
      createdAt: deps.services.clock.now(),
    });
    await rooms.setBriefing(created.id, thread.activityId);
  }

  /**
   * A new channel's first posts: the briefing, then who was brought in and who could not be, as
   * planned when the channel was created (`created`), or, when an earlier attempt created it, planned again.
   */
  async function introduceChannel(
    incident: number,
    room: { id: number; channelId: string; name: string; briefingMessageId: string | null; createdAt: Date },
    { data, message }: Briefing,
    retry: boolean,
    created: RoomMembership | undefined,
  ) {
    const { teamId, roomChannel } = teamsConfig();
    const first = !room.briefingMessageId;
    if (first) {
      const posted = await posts
        .postOnce('posting the briefing', inRoom(room.channelId), message, { retry, since: room.createdAt, cardKey: briefingKey(incident) })
        .catch((error: unknown) => {
          if (!(error instanceof ConnectorError) || ![403, 404].includes(error.status)) throw error;
          // The channel exists but the bot may not post in it: the remedy is the operator's.
          const remedy =
            roomChannel === 'private'
              ? 'add the crisisroom app to that channel, or set teams.roomChannel: standard'
              : 'check that the crisisroom app is installed in the team';
          throw new PermanentDeliveryError(
            `${incidentId(incident)} has its channel ${room.name}, but Teams did not let crisisroom post there (${error.status}${error.code ? ` ${error.code}` : ''}): ${remedy}`,
          );
        });
      await rooms.setBriefing(room.id, posted);
    }
    // On a retry the word on the room's people may already be there: it is looked for first.
    if (!first && !retry) return;
    const planned = created ?? (await planFor(incident, data.incident.commanderId));
    // A retry may come after a handover: the word names who is in the channel, and the new commander has a word of their own.
    if (retry && planned.membership.type === 'private') {
      const inChannel = await graphCall(`reading the members of ${room.name}`, () => graph.channelMembers(teamId!, room.channelId));
      for (const id of planned.present.keys()) if (!inChannel.has(id)) planned.present.delete(id);
    }
    const said = respondersMessage(planned);
    if (said) await posts.postOnce('naming the room’s people', inRoom(room.channelId), said, { retry, since: room.createdAt });
  }

  return { openRoom };
}
