/** A turn older than this was left by a delivery another process finished; it is forgotten. */
const forgetAfterMs = 10 * 60_000;

/**
 * Turns for a call a platform allows only so often (Slack's chat.update: about 50 a minute),
 * spaced evenly. A delivery keeps the turn it was given across its retries, so one whose turn is far
 * off can free its worker and come back when its turn is due.
 */
export function createTurns(perMinute: number) {
  const gapMs = 60_000 / perMinute;
  const turns = new Map<number, number>();
  let nextFree = 0;
  return {
    /** Milliseconds until the delivery's turn, giving it the next free one if it has none. */
    waitFor(deliveryId: number): number {
      const now = performance.now();
      let at = turns.get(deliveryId);
      if (at === undefined) {
        for (const [id, turn] of turns) if (turn < now - forgetAfterMs) turns.delete(id);
        at = Math.max(now, nextFree);
        nextFree = at + gapMs;
        turns.set(deliveryId, at);
      }
      return Math.max(0, at - now);
    },
    /** The delivery used its turn. */
    used(deliveryId: number): void {
      turns.delete(deliveryId);
    },
  };
}

export type Turns = ReturnType<typeof createTurns>;
