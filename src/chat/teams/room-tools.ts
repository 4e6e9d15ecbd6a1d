import type { TeamsSettings } from '../../config.ts';
import { platformUserId } from '../../domain/actor.ts';
import { incidentId } from '../../domain/incident.ts';
import type { Log } from '../../log.ts';
import type { Services } from '../../services/context.ts';
import { getBriefing } from '../../services/queries.ts';
import type { RoomStore } from '../../db/stores/rooms.ts';
import type { RateWindows } from '../rate-windows.ts';
import { createRoomRetries } from '../room-retries.ts';
import type { ApprovalCards } from './approval-cards.ts';
import { briefingSummary, teamsBriefingCard } from './cards/briefing-card.ts';
import { cardAttachment } from './cards/card-text.ts';
import type { ConnectorClient } from './connector-client.ts';
import type { GraphClient } from './graph.ts';
import type { Origin } from './origin.ts';
import { keyedCard } from './posted-updates.ts';
import { type PostTarget, createRoomPosts } from './room-posts.ts';
import { teamsHtml } from './text.ts';

export interface TeamsRoomWorkDeps {
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
export const briefingKey = (incident: number) => `crisisroom-briefing-${incident}`;
export const approvalKey = (draftId: number) => `crisisroom-card-${draftId}`;

// Entra object ids are GUIDs, compared here with Graph's lower-case ones.
export const teamsUser = (key: string | undefined) => platformUserId(key, 'teams')?.toLowerCase();

/** What every step of Teams room work uses: the calls, paced and named for retries, and the briefing as it stands. */
export function createRoomTools(deps: TeamsRoomWorkDeps) {
  const retries = createRoomRetries();
  const posts = createRoomPosts({
    connector: deps.connector,
    graph: deps.graph,
    windows: deps.windows,
    appId: deps.settings.appId,
    teamId: () => deps.services.config.teams.teamId,
    log: deps.log,
    calling: retries.calling,
  });
  const serviceUrl = deps.settings.serviceUrl;
  const inRoom = (channelId: string): PostTarget => ({ serviceUrl, conversationId: channelId });
  const atOrigin = (origin: Origin): PostTarget => ({
    serviceUrl: origin.serviceUrl,
    conversationId: origin.conversationId,
    ...(origin.replyToId ? { replyToId: origin.replyToId } : {}),
  });
  const zone = deps.services.config.statusPage.timeZone;

  return {
    deps,
    retries,
    posts,
    serviceUrl,
    inRoom,
    teamsConfig: () => deps.services.config.teams,
    /** A Graph call of room work, named for what it does. */
    graphCall<T>(call: string, work: () => Promise<T>): Promise<T> {
      retries.calling(call);
      return work();
    },
    async briefing(incident: number) {
      const data = await getBriefing({ ...deps.services, actor: { platform: 'teams', id: 'crisisroom', name: 'crisisroom' } }, { incident });
      const link = `${deps.publicBaseUrl()}/incidents/${incidentId(incident)}`;
      const card = keyedCard(teamsBriefingCard(data, zone, link), briefingKey(incident));
      return { data, message: { summary: briefingSummary(data), attachments: [cardAttachment(card)] } };
    },
    /** The person whose command it was hears it in the conversation they typed it in, once. */
    async tellOrigin(origin: Origin | undefined, text: string, retry: boolean, since: Date): Promise<void> {
      if (origin) await posts.postOnce('answering where the command was typed', atOrigin(origin), { text: teamsHtml(text) }, { retry, since });
    },
  };
}

export type RoomTools = ReturnType<typeof createRoomTools>;
export type Briefing = Awaited<ReturnType<RoomTools['briefing']>>;
