import type { PublicIncident, PublicSnapshot } from './snapshot.ts';

/** Incidents per history page, as on Statuspage's history. */
export const historyPageSize = 25;

export interface HistoryPage {
  /** 1-based; page 1 holds the newest incidents. */
  page: number;
  /** Published incidents, newest first (by first publication). */
  incidents: PublicIncident[];
  /** Whether an older page follows. */
  hasNext: boolean;
  /** When the page was read: a cached page's age. */
  loadedAt: Date;
}

/**
 * What the page handler asks for beyond the snapshot: history pages, and incidents too old to be in
 * the snapshot. Answers may come from the database; the handler loads each at most once per snapshot.
 */
export interface HistorySource {
  page(page: number): Promise<HistoryPage>;
  incident(number: number): Promise<PublicIncident | null>;
}

/**
 * History from the snapshot alone, for a handler built without a database (tests, previews): it knows
 * only the snapshot's recent incidents.
 */
export function snapshotHistory(getSnapshot: () => PublicSnapshot): HistorySource {
  return {
    page: async (page) => {
      const { incidents, builtAt } = getSnapshot();
      const start = (page - 1) * historyPageSize;
      return { page, incidents: incidents.slice(start, start + historyPageSize), hasNext: incidents.length > start + historyPageSize, loadedAt: builtAt };
    },
    incident: async (number) => getSnapshot().incidents.find((incident) => incident.number === number) ?? null,
  };
}
