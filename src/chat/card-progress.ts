import type { Log } from '../log.ts';
import type { RoomEvent } from '../services/room-work.ts';

/**
 * An approval card shows where its update has reached. A fan-out settles thousands of deliveries
 * and the platforms allow only so many edits of one message (Slack about 50 a minute), so a card's
 * progress is recorded as room work at most once per `refreshMs`; a change while an edit is already
 * due is shown by that edit.
 */
export function createCardProgress(deps: {
  /** The incident and draft whose update a publication is. */
  draftOfPublication: (publicationId: number) => Promise<{ incidentId: number; draftId: number }>;
  record: (event: RoomEvent) => Promise<void>;
  log: Log;
  refreshMs?: number;
}) {
  const refreshDue = new Set<number>();
  const lastEdit = new Map<number, number>();
  const waiting = new Set<Promise<void>>();

  async function recordProgress(publicationId: number): Promise<void> {
    const { incidentId, draftId } = await deps.draftOfPublication(publicationId);
    if (refreshDue.has(draftId)) return;
    refreshDue.add(draftId);
    const wait = (lastEdit.get(draftId) ?? -Infinity) + (deps.refreshMs ?? 3000) - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Cleared before the edit reads the card, so a change after the read asks for another edit.
    refreshDue.delete(draftId);
    lastEdit.set(draftId, performance.now());
    await deps.record({ type: 'card_progress', incidentId, draftId });
  }

  return {
    /** A delivery of the publication settled: its draft's cards are to show it. */
    deliveryChanged(publicationId: number): void {
      // Tracked from the start, so idle() waits for a card edit still to come.
      const progress = recordProgress(publicationId).catch((error: unknown) => deps.log('rooms: recording an approval card refresh failed', error));
      waiting.add(progress);
      void progress.finally(() => waiting.delete(progress));
    },
    /** Resolves once no card refresh is still waiting to be recorded. */
    async idle(): Promise<void> {
      while (waiting.size > 0) await Promise.all(waiting);
    },
  };
}
