import type { TeamsSettings } from '../../config.ts';
import type { Log } from '../../log.ts';
import type { Services } from '../../services/context.ts';
import type { RoomStore } from '../../db/stores/rooms.ts';
import type { Clock } from '../../time/clock.ts';
import type { BotTokens } from './bot-token.ts';
import { teamsChannelPoster } from './channel-poster.ts';
import { createConnectorClient } from './connector-client.ts';
import { createGraphClient } from './graph.ts';
import { createPace } from '../pace.ts';
import type { RateWindows } from '../rate-windows.ts';
import type { ApprovalCards } from './approval-cards.ts';
import { createTeamsRoomWork } from './room-work.ts';

export interface TeamsOutboundOptions {
  settings: TeamsSettings;
  services: Services;
  rooms: RoomStore;
  tokens: BotTokens;
  clock: Clock;
  log: Log;
  publicBaseUrl: () => string;
  timeoutMs?: number;
  operationsChannel?: string;
  cards: ApprovalCards;
  /** Each conversation's windows, shared with the SDK's answers to commands. */
  windows: RateWindows;
}

/**
 * What crisisroom sends to Teams on its own, not in answer to a message: the crisis rooms' work
 * (through Microsoft Graph and the Bot Connector), and the customer-channel poster the delivery worker uses.
 */
export function createTeamsOutbound(options: TeamsOutboundOptions) {
  const { settings, services, clock } = options;
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  const connector = createConnectorClient({ tokens: options.tokens, clock, ...timeout });
  const graph = createGraphClient({ apiUrl: settings.graphApiUrl, tokens: options.tokens, clock, ...timeout });
  const roomWork = createTeamsRoomWork({
    connector,
    graph,
    rooms: options.rooms,
    services,
    cards: options.cards,
    windows: options.windows,
    settings,
    log: options.log,
    publicBaseUrl: options.publicBaseUrl,
    ...(options.operationsChannel ? { operationsChannel: options.operationsChannel } : {}),
  });
  // No second ever holds more of the tenant's calls than it allows (see pace.ts).
  const pace = createPace(services.config.teams.postsPerSecond);
  const layout = services.config.components.flatMap((group) => group.items.map((name) => ({ group: group.group ?? null, name })));
  const poster = teamsChannelPoster({
    connector,
    pace,
    defaultServiceUrl: settings.serviceUrl,
    defaultTenantId: settings.tenantIds[0]!,
    components: () => layout,
    publicBaseUrl: options.publicBaseUrl,
    lookup: { graph, appId: settings.appId, log: options.log },
  });
  return { roomWork, poster };
}
