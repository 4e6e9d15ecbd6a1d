import { z } from 'zod';
import { commandOrigins } from '../../services/room-work.ts';

/** The Teams conversation a command came from, so work it causes later can answer there. */
export const Origin = z.object({
  serviceUrl: z.string(),
  conversationId: z.string().min(1),
  /** The message the command was, in a channel: an answer is a reply in its thread. */
  replyToId: z.string().optional(),
});
export type Origin = z.infer<typeof Origin>;

/**
 * Handles one Teams message with its conversation known to the room work it causes, which is
 * recorded with it: a declare's refusal, or an approval card with no room to go to, answers there.
 */
export const withOrigin = <T>(origin: Origin, handle: () => Promise<T>): Promise<T> => commandOrigins.run({ platform: 'teams', origin }, handle);

/** The origin a room job carries, if any. */
export const originOf = (payload: { origin?: unknown }): Origin | undefined => Origin.safeParse(payload.origin).data;
