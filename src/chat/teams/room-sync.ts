import type { TeamsSettings } from '../../config.ts';
import { draftLabel, incidentId } from '../../domain/incident.ts';
import type { Log } from '../../log.ts';
import { createKeyedQueues } from '../keyed-queues.ts';
import type { DomainEvent, Services } from '../../services/context.ts';
import { getBriefing } from '../../services/queries.ts';
import type { RoomStore } from '../../services/rooms.ts';
import { clockTrustNotice } from '../render/clock-trust.ts';
import { briefingSummary, teamsBriefingCard } from './cards/briefing-card.ts';
import { cardAttachment } from './cards/card-text.ts';
import { type ConnectorClient, ConnectorError } from './connector-client.ts';
import { createRoomChannel, isNotPermitted } from './crisis-room.ts';
import type { GraphClient } from './graph.ts';
import { createCommanderSync, planRoomMembership, respondersMessage } from './room-members.ts';
import { type Origin, origins } from './origin.ts';
import { teamsHtml } from './text.ts';
import { platformUserId } from '../../domain/actor.ts';

interface TeamsRoomSyncDeps {
  connector: ConnectorClient;
  graph: GraphClient;
  rooms: RoomStore;
  services: Services;
  settings: Pick<TeamsSettings, 'serviceUrl' | 'tenantIds'>;
  log: Log;
  publicBaseUrl: () => string;
  /** The Teams channel told when the clock stops, or starts again, being trusted (operations.teamsChannel). */
  operationsChannel?: string;
}

// Entra object ids are GUIDs, compared here with Graph's lower-case ones.
const teamsUser = (key: string | undefined) => platformUserId(key, 'teams')?.toLowerCase();

/**
 * Keeps Teams in step with the core: a crisis-room channel for each declared incident (or, where
 * Graph may not create one, a thread in the incidents channel), with a briefing post kept current,
 * and a word in the room when a customer channel cannot be reached. Work for one incident runs in
 * order; incidents do not wait for each other.
 */
export function createTeamsRoomSync(deps: TeamsRoomSyncDeps) {
  const queues = createKeyedQueues();
  /** Posts to the operations channel, which belong to no incident's queue. */
  const telling = new Set<Promise<void>>();
  const { connector, rooms } = deps;
  const serviceUrl = deps.settings.serviceUrl;
  const tenantId = deps.settings.tenantIds[0]!;
  const zone = deps.services.config.statusPage.timeZone;

  const enqueue = (incident: number, what: string, work: () => Promise<void>): Promise<void> =>
    queues.run(incident, work, (error) => deps.log(`teams: ${what} for ${incidentId(incident)} failed`, error));

  async function briefing(incident: number) {
    const data = await getBriefing({ ...deps.services, actor: { platform: 'teams', id: 'crisisroom', name: 'crisisroom' } }, { incident });
    const link = `${deps.publicBaseUrl()}/incidents/${incidentId(incident)}`;
    return { data, message: { summary: briefingSummary(data), attachments: [cardAttachment(teamsBriefingCard(data, zone, link))] } };
  }

  async function tellOrigin(origin: Origin | undefined, text: string): Promise<void> {
    if (!origin) return;
    const message = { text: teamsHtml(text) };
    if (origin.replyToId) await connector.reply(origin.serviceUrl, origin.conversationId, origin.replyToId, message);
    else await connector.post(origin.serviceUrl, origin.conversationId, message);
  }

  async function openRoom(incident: number, origin: Origin | undefined): Promise<void> {
    if (await rooms.roomOf(incident, 'teams')) return;
    const { data, message } = await briefing(incident);
    const { teams } = deps.services.config;
    // Neither a team nor an incidents channel: this installation keeps no crisis rooms in Teams.
    if (!teams.teamId && !teams.incidentsChannelId) return;
    let refusal = teams.teamId ? null : 'no team is configured for crisis rooms (teams.teamId)';
    if (teams.teamId) {
      try {
        const people = [...new Set([teamsUser(data.incident.commanderId), teamsUser(await rooms.declarerOf(incident)), ...teams.responders.map((id) => id.toLowerCase())])].filter((id): id is string => Boolean(id));
        const planned = await planRoomMembership(deps.graph, teams.teamId, teams.roomChannel, people);
        const description = `${data.incident.title} · status page ${deps.publicBaseUrl()}`;
        const channel = await createRoomChannel(deps.graph, teams.teamId, { prefix: teams.channelPrefix, number: incident, title: data.incident.title, description, membership: planned.membership });
        const room = await rooms.recordRoom({ incidentId: incident, platform: 'teams', channelId: channel.id, name: channel.name, createdAt: deps.services.clock.now() });
        let posted: string;
        try {
          posted = await connector.post(serviceUrl, channel.id, message);
        } catch (error) {
          // The channel exists but the bot is not in it: said where the declare was typed, not only logged.
          if (!(error instanceof ConnectorError) || ![403, 404].includes(error.status)) throw error;
          deps.log(`teams: ${incidentId(incident)} has the channel ${channel.name}, where crisisroom may not post`, error);
          const remedy = planned.membership.type === 'private' ? 'add the crisisroom app to that channel, or set teams.roomChannel: standard' : 'check that the crisisroom app is installed in the team';
          await tellOrigin(origin, `${incidentId(incident)} has its channel ${channel.name}, but Teams did not let crisisroom post there (${error.status}${error.code ? ` ${error.code}` : ''}): ${remedy}.`);
          return;
        }
        await rooms.setBriefing(room.id, posted);
        const responders = respondersMessage(planned);
        if (responders) await connector.post(serviceUrl, channel.id, responders);
        return;
      } catch (error) {
        if (!isNotPermitted(error)) throw error;
        refusal = `Microsoft Graph did not allow crisisroom to create a channel in the team (${error.status} ${error.code}); a team owner grants it by installing the app in the team`;
      }
    }
    const fallback = teams.incidentsChannelId;
    deps.log(`teams: no crisis-room channel for ${incidentId(incident)}: ${refusal}`);
    await tellOrigin(origin, `No crisis-room channel for ${incidentId(incident)}: ${refusal}. ${fallback ? 'It has a thread in the incidents channel instead.' : 'Set teams.incidentsChannelId to give incidents a thread there instead.'}`);
    if (!fallback) return;
    const thread = await connector.startThread(serviceUrl, fallback, tenantId, message);
    const room = await rooms.recordRoom({ incidentId: incident, platform: 'teams', channelId: thread.conversationId, name: `${incidentId(incident)} thread`, createdAt: deps.services.clock.now() });
    await rooms.setBriefing(room.id, thread.activityId);
  }

  const bringInCommander = createCommanderSync({ graph: deps.graph, connector, serviceUrl });

  /**
   * The briefing is edited in place (PUT), so the room's first post always shows the incident now;
   * a commander handed the incident is brought into its channel (a thread has no members of its own).
   */
  async function refreshBriefing(incident: number): Promise<void> {
    const room = await rooms.roomOf(incident, 'teams');
    if (!room?.briefingMessageId) return;
    const { data, message } = await briefing(incident);
    await connector.update(serviceUrl, room.channelId.split(';')[0]!, room.briefingMessageId, message);
    const { teamId } = deps.services.config.teams;
    const commander = teamsUser(data.incident.commanderId);
    if (teamId && commander && !room.channelId.includes(';')) await bringInCommander(teamId, room.channelId, commander);
  }

  /** A customer channel that can never be reached is said in the room, not only in the operator log. */
  async function tellRoomOfFailure(deliveryId: number): Promise<void> {
    const failed = await rooms.failedDelivery(deliveryId);
    await enqueue(failed.incidentId, 'reporting a failed delivery', async () => {
      const room = await rooms.roomOf(failed.incidentId, 'teams');
      if (!room) return;
      const reason = failed.reason.replace(`${failed.targetName}: `, '');
      const text = `⚠️ ${draftLabel(failed.draft.kind, failed.draft.number)} could not be delivered to ${failed.targetName}: ${reason}. The other targets are not affected; @crisisroom deliveries shows them all.`;
      await connector.post(serviceUrl, room.channelId, { text: teamsHtml(text) });
    });
  }

  /** The operations channel hears when the clock stops, or starts again, being trusted; a failure to tell it is logged. */
  async function tellOperations(trust: { trusted: true } | { trusted: false; reason: string }): Promise<void> {
    const channel = deps.operationsChannel;
    if (!channel) return;
    const text = `${trust.trusted ? '✅' : '🚨'} ${clockTrustNotice(trust)}`;
    const told = connector
      .post(serviceUrl, channel, { text: teamsHtml(text) })
      .then(() => undefined, (error: unknown) => deps.log('teams: telling the operations channel failed', error));
    telling.add(told);
    await told.finally(() => telling.delete(told));
  }

  return {
    onEvent(event: DomainEvent): Promise<void> {
      switch (event.type) {
        case 'incident_declared': {
          const origin = origins.getStore();
          return enqueue(event.incidentId, 'opening the crisis room', () => openRoom(event.incidentId, origin));
        }
        case 'incident_changed':
        case 'publication_created':
        case 'draft_created':
          return enqueue(event.incidentId, 'updating the briefing', () => refreshBriefing(event.incidentId));
        case 'delivery_failed':
          return tellRoomOfFailure(event.deliveryId);
        case 'clock_trust_changed':
          return tellOperations(event.trust);
        default:
          return Promise.resolve();
      }
    },
    /** Resolves once every queued piece of Teams work has run. */
    async idle(): Promise<void> {
      while (queues.pending().length > 0 || telling.size > 0) await Promise.all([...queues.pending(), ...telling]);
    },
  };
}

export type TeamsRoomSync = ReturnType<typeof createTeamsRoomSync>;
