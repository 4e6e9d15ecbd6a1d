import type { TeamsSettings } from '../../config.ts';
import { PermanentDeliveryError } from '../../delivery/target.ts';
import { platformUserId } from '../../domain/actor.ts';
import { draftLabel, incidentId } from '../../domain/incident.ts';
import type { Log } from '../../log.ts';
import type { Services } from '../../services/context.ts';
import type { Job } from '../../services/jobs.ts';
import { getBriefing } from '../../services/queries.ts';
import { type RoomJobPayload, foldLaterEdits } from '../../services/room-work.ts';
import type { RoomStore } from '../../services/rooms.ts';
import { clockTrustNotice } from '../render/clock-trust.ts';
import type { RateWindows } from '../rate-windows.ts';
import { createRoomRetries } from '../room-retries.ts';
import type { ApprovalCards } from './approval-cards.ts';
import { briefingSummary, teamsBriefingCard } from './cards/briefing-card.ts';
import { cardAttachment } from './cards/card-text.ts';
import { type ConnectorClient, ConnectorError } from './connector-client.ts';
import { createRoomChannel, isNotPermitted } from './crisis-room.ts';
import { type GraphClient, GraphError } from './graph.ts';
import { type Origin, originOf } from './origin.ts';
import { keyedCard } from './posted-updates.ts';
import { type PostTarget, createRoomPosts, teamsRoomError } from './room-posts.ts';
import { type RoomMembership, commanderAddedMessage, planRoomMembership, respondersMessage } from './room-members.ts';
import { teamsHtml } from './text.ts';

interface TeamsRoomWorkDeps {
  connector: ConnectorClient;
  graph: GraphClient;
  rooms: RoomStore;
  services: Services;
  cards: ApprovalCards;
  /** The conversations' windows, shared with the SDK's answers to commands. */
  windows: RateWindows;
  settings: Pick<TeamsSettings, 'serviceUrl' | 'tenantIds' | 'appId'>;
  log: Log;
  publicBaseUrl: () => string;
  /** The Teams channel told when the clock stops, or starts again, being trusted (operations.teamsChannel). */
  operationsChannel?: string;
}

/** The keys the room's cards carry, by which a retry finds a card an earlier attempt posted. */
const briefingKey = (incident: number) => `crisisroom-briefing-${incident}`;
const approvalKey = (draftId: number) => `crisisroom-card-${draftId}`;

// Entra object ids are GUIDs, compared here with Graph's lower-case ones.
const teamsUser = (key: string | undefined) => platformUserId(key, 'teams')?.toLowerCase();

/**
 * Keeps Teams' crisis rooms in step with the core, as jobs recorded with the changes that cause
 * them (see services/room-work.ts): a channel for each declared incident (or, where Graph may not
 * create one, a thread in the incidents channel) with its people, a briefing card edited in place,
 * approval cards, a commander handed the incident brought in, and notices. Each step is safe to
 * repeat: a retry finds what an earlier attempt did (the channel by its name and description, a
 * post by its text or card key, a member in the roster) instead of doing it twice.
 */
export function createTeamsRoomWork(deps: TeamsRoomWorkDeps) {
  const { connector, graph, rooms } = deps;
  const serviceUrl = deps.settings.serviceUrl;
  const teamsConfig = () => deps.services.config.teams;
  const zone = deps.services.config.statusPage.timeZone;
  const retries = createRoomRetries();
  const posts = createRoomPosts({ connector, graph, windows: deps.windows, appId: deps.settings.appId, teamId: () => teamsConfig().teamId, log: deps.log, calling: retries.calling });
  const inRoom = (channelId: string): PostTarget => ({ serviceUrl, conversationId: channelId });
  const atOrigin = (origin: Origin): PostTarget => ({ serviceUrl: origin.serviceUrl, conversationId: origin.conversationId, ...(origin.replyToId ? { replyToId: origin.replyToId } : {}) });
  /** A Graph call of room work, named for what it does. */
  const graphCall = <T>(call: string, work: () => Promise<T>): Promise<T> => {
    retries.calling(call);
    return work();
  };

  async function briefing(incident: number) {
    const data = await getBriefing({ ...deps.services, actor: { platform: 'teams', id: 'crisisroom', name: 'crisisroom' } }, { incident });
    const link = `${deps.publicBaseUrl()}/incidents/${incidentId(incident)}`;
    const card = keyedCard(teamsBriefingCard(data, zone, link), briefingKey(incident));
    return { data, message: { summary: briefingSummary(data), attachments: [cardAttachment(card)] } };
  }

  /** Who a new room is for: the commander, the declarer and the configured responders. */
  async function peopleOf(incident: number, commanderId: string): Promise<string[]> {
    const ids = [teamsUser(commanderId), teamsUser(await rooms.declarerOf(incident)), ...teamsConfig().responders.map((id) => id.toLowerCase())];
    return [...new Set(ids)].filter((id): id is string => Boolean(id));
  }

  /** The person whose command it was hears it in the conversation they typed it in, once. */
  async function tellOrigin(origin: Origin | undefined, text: string, retry: boolean, since: Date): Promise<void> {
    if (origin) await posts.postOnce('answering where the command was typed', atOrigin(origin), { text: teamsHtml(text) }, { retry, since });
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
      const ours = (c: { displayName: string; description?: string | null | undefined }) => c.displayName === name && (c.description ?? '').startsWith(`${title} · status page `);
      const found = (await graphCall('looking for the channel an earlier attempt created', () => graph.channels(teamId!))).find(ours);
      return found && (await rooms.incidentOfChannel('teams', found.id)) === undefined ? { id: found.id, name: found.displayName } : undefined;
    };
    const channel = await graphCall('creating the channel', () => createRoomChannel(graph, teamId!, { prefix: channelPrefix, number: incident, title, description, membership: planned.membership }, adopt));
    return { channel, planned };
  }

  async function openRoom(incident: number, origin: Origin | undefined, retry: boolean): Promise<void> {
    const { teamId, incidentsChannelId } = teamsConfig();
    // Neither a team nor an incidents channel: this installation keeps no crisis rooms in Teams.
    if (!teamId && !incidentsChannelId) return;
    const { data, message } = await briefing(incident);
    const since = data.incident.declaredAt;
    let room = await rooms.roomOf(incident, 'teams');
    let refusal = teamId ? null : 'no team is configured for crisis rooms (teams.teamId)';
    // Who the channel was created for, when this attempt created it: its word on the room's people says so.
    let planned: RoomMembership | undefined;
    if (!room && teamId) {
      try {
        const created = await createChannel(incident, data.incident.title, data.incident.commanderId, retry);
        planned = created.planned;
        room = await rooms.recordRoom({ incidentId: incident, platform: 'teams', channelId: created.channel.id, name: created.channel.name, createdAt: deps.services.clock.now() });
      } catch (error) {
        if (!isNotPermitted(error)) throw error;
        refusal = `Microsoft Graph did not allow crisisroom to create a channel in the team (${error.status} ${error.code}); a team owner grants it by installing the app in the team`;
      }
    }
    if (room && !room.channelId.includes(';')) return introduceChannel(incident, room, data, message, retry, planned);
    if (!room) {
      deps.log(`teams: no crisis-room channel for ${incidentId(incident)}: ${refusal}`);
      await tellOrigin(origin, `No crisis-room channel for ${incidentId(incident)}: ${refusal}. ${incidentsChannelId ? 'It has a thread in the incidents channel instead.' : 'Set teams.incidentsChannelId to give incidents a thread there instead.'}`, retry, since);
      if (!incidentsChannelId) return;
      const earlier = retry ? await posts.findEarlier('starting the incident’s thread', inRoom(incidentsChannelId), message, since, briefingKey(incident)) : undefined;
      const thread = earlier
        ? { conversationId: `${incidentsChannelId};messageid=${earlier}`, activityId: earlier }
        : await posts.send('starting the incident’s thread', incidentsChannelId, () => connector.startThread(serviceUrl, incidentsChannelId, deps.settings.tenantIds[0]!, message));
      const created = await rooms.recordRoom({ incidentId: incident, platform: 'teams', channelId: thread.conversationId, name: `${incidentId(incident)} thread`, createdAt: deps.services.clock.now() });
      await rooms.setBriefing(created.id, thread.activityId);
    }
  }

  /**
   * A new channel's first posts: the briefing, then who was brought in and who could not be, as
   * planned when the channel was created (`created`), or, when an earlier attempt created it, planned again.
   */
  async function introduceChannel(
    incident: number,
    room: { id: number; channelId: string; name: string; briefingMessageId: string | null; createdAt: Date },
    data: Awaited<ReturnType<typeof briefing>>['data'],
    message: Awaited<ReturnType<typeof briefing>>['message'],
    retry: boolean,
    created: RoomMembership | undefined,
  ) {
    const { teamId, roomChannel } = teamsConfig();
    const first = !room.briefingMessageId;
    if (first) {
      const posted = await posts.postOnce('posting the briefing', inRoom(room.channelId), message, { retry, since: room.createdAt, cardKey: briefingKey(incident) }).catch((error: unknown) => {
        if (!(error instanceof ConnectorError) || ![403, 404].includes(error.status)) throw error;
        // The channel exists but the bot may not post in it: the remedy is the operator's.
        const remedy = roomChannel === 'private' ? 'add the crisisroom app to that channel, or set teams.roomChannel: standard' : 'check that the crisisroom app is installed in the team';
        throw new PermanentDeliveryError(`${incidentId(incident)} has its channel ${room.name}, but Teams did not let crisisroom post there (${error.status}${error.code ? ` ${error.code}` : ''}): ${remedy}`);
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

  /** The briefing is edited in place (PUT), so the room's first post always shows the incident now. */
  async function refreshBriefing(incident: number): Promise<void> {
    const room = await rooms.roomOf(incident, 'teams');
    if (!room?.briefingMessageId) return;
    const { message } = await briefing(incident);
    const channel = room.channelId.split(';')[0]!;
    await posts.send('updating the briefing', channel, () => connector.update(serviceUrl, channel, room.briefingMessageId!, message));
  }

  /**
   * A commander handed the incident later is brought into its channel (a thread has no members of
   * its own). Graph answers a standard channel's member list with the whole team, so there the
   * commander is found already in and nothing is added.
   */
  async function addCommander(event: { incidentId: number; commanderId: string; commanderName: string }, retry: boolean): Promise<void> {
    const { teamId } = teamsConfig();
    const room = await rooms.roomOf(event.incidentId, 'teams');
    const commander = teamsUser(event.commanderId);
    if (!room || !teamId || !commander || room.channelId.includes(';')) return;
    const name = event.commanderName;
    const inChannel = await graphCall(`reading the members of ${room.name}`, () => graph.channelMembers(teamId, room.channelId));
    if (inChannel.has(commander) && !retry) return;
    if (!inChannel.has(commander)) {
      const team = await graphCall('reading the team’s members', () => graph.teamMembers(teamId));
      if (!team.has(commander)) throw new PermanentDeliveryError(`${name} is not a member of the team, so Teams lets nobody add them to its channels: a team owner must add them to the team first`);
      await graphCall(`adding ${name} to ${room.name}`, () =>
        graph.addChannelMember(teamId, room.channelId, commander).catch((error: unknown) => {
          if (error instanceof GraphError && error.status === 409) return;
          if (error instanceof GraphError && error.status === 403) throw new PermanentDeliveryError(`Teams refused to add ${name} to ${room.name} (403 ${error.code}): a team owner can add them`);
          throw error;
        }),
      );
    }
    await posts.postOnce('telling the room of its new commander', inRoom(room.channelId), commanderAddedMessage(commander, name), { retry, since: room.createdAt });
  }

  /** A draft's approval card as it stands now, for the conversation it is shown in. */
  async function approvalMessage(draftId: number, conversationId: string) {
    const { card, summary } = await deps.cards.cardOf(draftId, conversationId);
    return { summary, attachments: [cardAttachment(keyedCard(card, approvalKey(draftId)))] };
  }

  async function postCard(event: { incidentId: number; draftId: number }, origin: Origin | undefined, retry: boolean): Promise<void> {
    if (await rooms.cardOf(event.draftId, 'teams')) return;
    // A draft's card goes to the incident's room or, while it has none, to where the command was typed.
    const room = await rooms.roomOf(event.incidentId, 'teams');
    const target = room ? inRoom(room.channelId) : origin ? { serviceUrl: origin.serviceUrl, conversationId: origin.conversationId } : undefined;
    if (!target) return;
    const draft = await rooms.draft(event.draftId);
    const message = await approvalMessage(event.draftId, target.conversationId);
    const posted = await posts.postOnce('posting an approval card', target, message, { retry, since: draft.createdAt, cardKey: approvalKey(event.draftId) });
    await rooms.recordCard({ draftId: event.draftId, platform: 'teams', channelId: target.conversationId, messageId: posted });
  }

  async function refreshCard(draftId: number): Promise<void> {
    const existing = await rooms.cardOf(draftId, 'teams');
    if (!existing) return;
    const message = await approvalMessage(draftId, existing.channelId);
    await posts.send('updating an approval card', existing.channelId, () => connector.update(serviceUrl, existing.channelId, existing.messageId, message));
  }

  /** A notice in the incident's room, or with no incident in the operations channel, posted once. */
  async function notice(incident: number | null, text: string, retry: boolean): Promise<void> {
    const room = incident === null ? null : await rooms.roomOf(incident, 'teams');
    const channel = room?.briefingMessageId ? room.channelId : incident === null ? deps.operationsChannel : undefined;
    if (channel) await posts.postOnce('posting a notice', inRoom(channel), { text: teamsHtml(text) }, { retry, since: room?.createdAt ?? lookback() });
  }

  /** How far back an earlier attempt's notice outside a room is looked for: retries come within a day. */
  const lookback = () => new Date(deps.services.clock.now().getTime() - 24 * 3_600_000);

  async function perform(job: Job): Promise<void> {
    const event = JSON.parse(job.payload) as RoomJobPayload;
    const origin = originOf(event);
    const retry = job.attempts > 1;
    await foldLaterEdits(deps.services.db, job);
    switch (event.type) {
      case 'incident_declared':
        return openRoom(event.incidentId, origin, retry);
      case 'incident_changed':
      case 'publication_created':
        return refreshBriefing(event.incidentId);
      case 'commander_changed':
        return addCommander(event, retry);
      case 'draft_created':
        await postCard(event, origin, retry);
        return refreshBriefing(event.incidentId);
      case 'draft_changed':
      case 'card_progress':
        return refreshCard(event.draftId);
      case 'delivery_failed': {
        if (!(await rooms.roomOf(event.incidentId, 'teams'))) return;
        const failed = await rooms.failedDelivery(event.deliveryId);
        const reason = failed.reason.replace(`${failed.targetName}: `, '');
        return notice(event.incidentId, `⚠️ ${draftLabel(failed.draft.kind, failed.draft.number)} could not be delivered to ${failed.targetName}: ${reason}. The other targets are not affected; @crisisroom deliveries shows them all.`, retry);
      }
      case 'room_work_failed': {
        const text = `⚠️ crisisroom gave up ${event.what} for ${incidentId(event.incidentId)}: ${event.reason}. @crisisroom summary shows what the room still lacks.`;
        // Said to the person whose command it was, where they typed it; else in the room.
        return origin ? tellOrigin(origin, text, retry, lookback()) : notice(event.incidentId, text, retry);
      }
      case 'clock_trust_changed':
        return notice(null, `${event.trust.trusted ? '✅' : '🚨'} ${clockTrustNotice(event.trust)}`, retry);
    }
  }

  return {
    /** Does one room job; throws as the job loop expects (permanent, retry later, or retry). */
    perform: (job: Job): Promise<void> => retries.perform(job, () => perform(job), teamsRoomError),
  };
}
