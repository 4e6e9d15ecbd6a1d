import { PermanentDeliveryError, RetryLaterError } from '../../delivery/target.ts';
import { errorMessage } from '../../domain/errors.ts';
import type { Log } from '../../log.ts';
import type { RateWindows } from '../rate-windows.ts';
import { type ConnectorClient, ConnectorError, type OutgoingMessage } from './connector-client.ts';
import { conversationWindows } from './conversation-limits.ts';
import { type GraphClient, GraphError } from './graph.ts';
import { findPostedUpdate } from './posted-updates.ts';

/** A wait this short is waited in place; a longer one frees the worker, which comes back in time. */
const inlineWaitMs = 1500;

/** A failed Teams call of room work as the work loop takes it: permanent, to retry after Retry-After, or to retry. */
export function teamsRoomError(call: string, error: unknown): unknown {
  if (error instanceof PermanentDeliveryError || error instanceof RetryLaterError) return error;
  if (error instanceof GraphError || error instanceof ConnectorError) {
    const who = error instanceof GraphError ? 'Microsoft Graph' : 'the Bot Connector';
    const answer = `${error.status}${error.code ? ` ${error.code}` : ''}`;
    if (error.status === 429) return new RetryLaterError(`${who} rate-limited ${call}`, error.retryAfterMs ?? 0);
    if ([400, 401, 403, 404].includes(error.status)) return new PermanentDeliveryError(`Teams refused ${call} (${answer})`);
    return new Error(`${who} answered ${answer} to ${call}`);
  }
  return new Error(`${call}: ${errorMessage(error)}`);
}

interface RoomPostsDeps {
  connector: ConnectorClient;
  graph: GraphClient;
  windows: RateWindows;
  appId: string;
  /** The team whose channels Graph may read, to find a post whose answer was lost. */
  teamId: () => string | undefined;
  log: Log;
  /** Names the call the room job is about to make (see room-retries.ts). */
  calling: (call: string) => void;
}

export interface PostTarget {
  serviceUrl: string;
  conversationId: string;
  /** A reply to this message of the conversation (a command's thread), rather than a new post. */
  replyToId?: string;
}

/**
 * Sending to Teams for room work: each send takes its turn in the conversation's windows, and a
 * post is made once. On a retry, the post an earlier attempt made (its answer lost, or the process
 * killed before it was recorded) is first looked for in the channel through Graph, by its text or
 * its card's key.
 */
export function createRoomPosts(deps: RoomPostsDeps) {
  /** Runs one send in its conversation's turn; a long wait frees the worker instead. */
  function send<T>(call: string, conversationId: string, work: () => Promise<T>): Promise<T> {
    deps.calling(call);
    const tooLong = {
      longestWaitMs: inlineWaitMs,
      error: (wait: number) => new RetryLaterError(`${call} waits its turn: Teams allows a conversation only so many messages`, wait),
    };
    return deps.windows.run(conversationWindows(conversationId), work, tooLong);
  }

  /** The post an earlier attempt made, when Graph can read the channel it is in. */
  async function findEarlier(call: string, target: PostTarget, message: OutgoingMessage, since: Date, cardKey?: string): Promise<string | undefined> {
    const teamId = deps.teamId();
    // Graph reads channels of the team only; a personal or group chat cannot be looked into.
    if (!teamId || !target.conversationId.startsWith('19:')) return undefined;
    const [channelId, threadId] = target.conversationId.split(';messageid=') as [string, string | undefined];
    const thread = target.replyToId ?? threadId;
    deps.calling(`looking for an earlier attempt at ${call}`);
    try {
      return await findPostedUpdate(deps.graph, {
        teamId,
        channelId,
        ...(thread ? { threadId: thread } : {}),
        ...(cardKey ? { cardKey } : { html: 'text' in message ? message.text : '' }),
        since,
        appId: deps.appId,
      });
    } catch (error) {
      if (!(error instanceof GraphError) || ![403, 404].includes(error.status)) throw error;
      deps.log(`teams: could not look for an earlier attempt at ${call} (${error.status} ${error.code}); posting again, which may show it twice`);
      return undefined;
    }
  }

  return {
    send,
    findEarlier,
    /** Posts `message` once: on a retry, what an earlier attempt posted is found first. Resolves with the post's id. */
    async postOnce(call: string, target: PostTarget, message: OutgoingMessage, find: { retry: boolean; since: Date; cardKey?: string }): Promise<string> {
      const found = find.retry ? await findEarlier(call, target, message, find.since, find.cardKey) : undefined;
      if (found) return found;
      const { serviceUrl, conversationId, replyToId } = target;
      if (replyToId) return send(call, conversationId, () => deps.connector.reply(serviceUrl, conversationId, replyToId, message));
      return send(call, conversationId, () => deps.connector.post(serviceUrl, conversationId, message));
    },
  };
}
