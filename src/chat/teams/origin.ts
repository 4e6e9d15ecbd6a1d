import { AsyncLocalStorage } from 'node:async_hooks';

/** The Teams conversation a command came from, so work it causes later can answer there. */
export interface Origin {
  serviceUrl: string;
  conversationId: string;
  /** The message the command was, in a channel: an answer is a reply in its thread. */
  replyToId?: string;
}

/**
 * Carried along the handling of one Teams message: the domain events a command emits are seen by
 * the room sync inside that handling, so it knows where a declare came from without the core
 * services knowing anything of Teams.
 */
export const origins = new AsyncLocalStorage<Origin>();
