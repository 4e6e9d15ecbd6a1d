import type { WebClient } from '@slack/web-api';
import { ComponentState } from '../../domain/component.ts';
import { IncidentStatus, draftLabel, impactOf, incidentId } from '../../domain/incident.ts';
import type { Log } from '../../log.ts';
import { createKeyedQueues } from '../keyed-queues.ts';
import type { DomainEvent, Services } from '../../services/context.ts';
import { createPublicationDrafts } from '../../services/get-deliveries.ts';
import { getBriefing } from '../../services/queries.ts';
import type { RoomStore } from '../../services/rooms.ts';
import type { Clock } from '../../time/clock.ts';
import { loadApprovalView } from '../approval-view.ts';
import { clockTrustNotice } from '../render/clock-trust.ts';
import { approvalCard } from './blocks/approval-card.ts';
import { escapeMrkdwn } from './blocks/mrkdwn.ts';
import { briefingMessage } from './blocks/briefing.ts';
import { createRoomChannel, invitePeople } from './crisis-room.ts';
import { platformUserId } from '../../domain/actor.ts';

interface RoomSyncDeps {
  client: WebClient;
  rooms: RoomStore;
  services: Services;
  clock: Clock;
  log: Log;
  botUserId(): string;
  publicBaseUrl(): string;
  /** The least time between two edits of one approval card while its deliveries progress. */
  cardRefreshMs?: number;
  /** The channel told when the clock stops, or starts again, being trusted. */
  operationsChannel?: string;
}

const slackUser = (key: string | undefined) => platformUserId(key, 'slack');

/**
 * Keeps Slack in step with the core: opens a crisis room for each declared incident, keeps its
 * pinned briefing and topic current, and posts and updates approval cards. Work for one incident
 * runs in order (the room exists before its first card); incidents do not wait for each other.
 */
export function createRoomSync(deps: RoomSyncDeps) {
  const queues = createKeyedQueues();
  const { client, rooms } = deps;
  const zone = deps.services.config.statusPage.timeZone;

  const enqueue = (incident: number, what: string, work: () => Promise<void>): Promise<void> =>
    queues.run(incident, work, (error) => deps.log(`slack: ${what} for ${incidentId(incident)} failed`, error));

  async function briefing(incident: number) {
    const data = await getBriefing({ ...deps.services, actor: { platform: 'slack', id: 'crisisroom', name: 'crisisroom' } }, { incident });
    const base = deps.publicBaseUrl();
    return {
      data,
      message: briefingMessage({
        incidentId: incidentId(incident),
        title: data.incident.title,
        status: IncidentStatus.parse(data.incident.status),
        severity: data.incident.severity,
        commander: { name: data.incident.commanderName, ...(slackUser(data.incident.commanderId) ? { slackUserId: slackUser(data.incident.commanderId)! } : {}) },
        components: data.components.map((c) => ({ name: c.componentName, state: ComponentState.parse(c.state) })),
        impact: data.incident.impactStart ? { start: data.incident.impactStart, end: data.incident.impactEnd } : null,
        latestPublic: data.latestPublication ? { status: IncidentStatus.parse(data.latestPublication.status), body: data.latestPublication.body, publishedAt: data.latestPublication.publishedAt } : null,
        pendingDrafts: data.pendingDrafts.length,
        statusPageUrl: base,
        incidentUrl: `${base}/incidents/${incidentId(incident)}`,
        zone,
        declaredAt: data.incident.declaredAt,
        resolvedAt: data.incident.resolvedAt,
      }),
    };
  }

  async function openRoom(incident: number): Promise<void> {
    if (await rooms.roomOf(incident, 'slack')) return;
    const { data, message } = await briefing(incident);
    const { slack } = deps.services.config;
    const channel = await createRoomChannel(client, slack.channelPrefix, incident, data.incident.title);
    const room = await rooms.recordRoom({ incidentId: incident, platform: 'slack', channelId: channel.id, name: channel.name, createdAt: deps.clock.now() });
    const people = [data.incident.commanderId, await rooms.declarerOf(incident)].map((key) => key && slackUser(key)).filter((id): id is string => Boolean(id));
    await invitePeople(client, channel.id, [...people, ...slack.responders], deps.botUserId());
    await client.conversations.setPurpose({ channel: channel.id, purpose: `${data.incident.title} · status page ${deps.publicBaseUrl()}`.slice(0, 250) });
    await setTopic(channel.id, data.incident);
    commanders.set(channel.id, data.incident.commanderId);
    const posted = await client.chat.postMessage({ channel: channel.id, ...message, unfurl_links: false });
    await client.pins.add({ channel: channel.id, timestamp: posted.ts! });
    await rooms.setBriefing(room.id, posted.ts!);
  }

  const topics = new Map<string, string>();
  async function setTopic(channel: string, incident: { id: number; status: string; severity: number; commanderName: string; title: string }) {
    const topic = `${incidentId(incident.id)} · ${incident.status} · SEV${incident.severity} (${impactOf(incident.severity)}) · commander ${incident.commanderName}`.slice(0, 250);
    if (topics.get(channel) === topic) return;
    await client.conversations.setTopic({ channel, topic });
    topics.set(channel, topic);
  }

  // A new commander (a handover, or one chosen in the declare form) is brought into the room.
  const commanders = new Map<string, string>();
  async function inviteCommander(channel: string, commanderId: string): Promise<void> {
    if (commanders.get(channel) === commanderId) return;
    const user = slackUser(commanderId);
    if (user) await invitePeople(client, channel, [user], deps.botUserId());
    commanders.set(channel, commanderId);
  }

  async function refreshBriefing(incident: number): Promise<void> {
    const room = await rooms.roomOf(incident, 'slack');
    if (!room?.briefingMessageId) return;
    const { data, message } = await briefing(incident);
    await client.chat.update({ channel: room.channelId, ts: room.briefingMessageId, ...message });
    await setTopic(room.channelId, data.incident);
    await inviteCommander(room.channelId, data.incident.commanderId);
  }

  async function card(draftId: number) {
    return approvalCard((await loadApprovalView(deps.services, rooms, draftId)).view);
  }


  async function postCard(incident: number, draftId: number): Promise<void> {
    const room = await rooms.roomOf(incident, 'slack');
    if (!room || (await rooms.cardOf(draftId, 'slack'))) return;
    const posted = await client.chat.postMessage({ channel: room.channelId, ...(await card(draftId)), unfurl_links: false });
    await rooms.recordCard({ draftId, platform: 'slack', channelId: room.channelId, messageId: posted.ts! });
  }

  async function refreshCard(draftId: number): Promise<void> {
    const existing = await rooms.cardOf(draftId, 'slack');
    if (existing) await client.chat.update({ channel: existing.channelId, ts: existing.messageId, ...(await card(draftId)) });
  }

  /**
   * The card shows where its update has reached. A fan-out settles thousands of deliveries and Slack
   * allows about 50 message edits a minute, so one card is edited at most once per `cardRefreshMs`;
   * a change while an edit is already due is shown by that edit.
   */
  const refreshDue = new Set<number>();
  const lastEdit = new Map<number, number>();
  const waiting = new Set<Promise<void>>();
  const draftOfPublication = createPublicationDrafts(deps.services.db);
  async function refreshCardOf(publicationId: number): Promise<void> {
    const { incidentId: incident, draftId } = await draftOfPublication(publicationId);
    if (refreshDue.has(draftId)) return;
    refreshDue.add(draftId);
    const wait = (lastEdit.get(draftId) ?? -Infinity) + (deps.cardRefreshMs ?? 3000) - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await enqueue(incident, 'updating the approval card', async () => {
      // Cleared before reading, so a change after the read asks for another edit.
      refreshDue.delete(draftId);
      lastEdit.set(draftId, performance.now());
      await refreshCard(draftId);
    });
  }

  async function tellOperations(text: string): Promise<void> {
    if (!deps.operationsChannel) return;
    await client.chat.postMessage({ channel: deps.operationsChannel, text: escapeMrkdwn(text), unfurl_links: false }).catch((error: unknown) => deps.log('slack: telling the operations channel failed', error));
  }

  /** A customer channel that can never be reached is said in the room, not only in the operator log. */
  async function tellRoomOfFailure(deliveryId: number): Promise<void> {
    const failed = await rooms.failedDelivery(deliveryId);
    await enqueue(failed.incidentId, 'reporting a failed delivery', async () => {
      const room = await rooms.roomOf(failed.incidentId, 'slack');
      if (!room) return;
      const reason = failed.reason.replace(`${failed.targetName}: `, '');
      const text = `:warning: ${draftLabel(failed.draft.kind, failed.draft.number)} could not be delivered to ${failed.targetName}: ${reason}. The other targets are not affected; /incident deliveries shows them all.`;
      await client.chat.postMessage({ channel: room.channelId, text: escapeMrkdwn(text), unfurl_links: false });
    });
  }

  return {
    onEvent(event: DomainEvent): Promise<void> {
      switch (event.type) {
        case 'incident_declared':
          return enqueue(event.incidentId, 'opening the crisis room', () => openRoom(event.incidentId));
        case 'incident_changed':
        case 'publication_created':
          return enqueue(event.incidentId, 'updating the briefing', () => refreshBriefing(event.incidentId));
        case 'draft_created':
          return enqueue(event.incidentId, 'posting the approval card', async () => {
            await postCard(event.incidentId, event.draftId);
            await refreshBriefing(event.incidentId);
          });
        case 'draft_changed':
          return enqueue(event.incidentId, 'updating the approval card', () => refreshCard(event.draftId));
        case 'maintenance_changed':
          // Maintenance belongs to no crisis room.
          return Promise.resolve();
        case 'delivery_failed':
          return tellRoomOfFailure(event.deliveryId);
        case 'clock_trust_changed':
          return tellOperations(`${event.trust.trusted ? ':white_check_mark:' : ':rotating_light:'} ${clockTrustNotice(event.trust)}`);
        case 'delivery_changed': {
          // Tracked from the start, so idle() waits for a card edit still to come.
          const refresh = refreshCardOf(event.publicationId).catch((error) => deps.log('slack: updating the approval card failed', error));
          waiting.add(refresh);
          return refresh.finally(() => waiting.delete(refresh));
        }
      }
    },
    /** Resolves once every queued piece of Slack work has run. */
    async idle(): Promise<void> {
      while (queues.pending().length > 0 || waiting.size > 0) await Promise.all([...queues.pending(), ...waiting]);
    },
  };
}
