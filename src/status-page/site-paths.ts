import { incidentId } from '../domain/incident.ts';
import { atomFeedPath, rssFeedPath } from './feeds.ts';
import { historyPageSize } from '../domain/public-page/history.ts';
import { historyPath } from './html/history-page.ts';
import { statuspageDocumentPaths } from './routes.ts';
import type { PublicSnapshot } from '../domain/public-page/snapshot.ts';

const assetPaths = ['/assets/style.css'] as const;

export interface SitePathOptions {
  historyPageSize: number;
  /** Every published incident, oldest included; by default only those the snapshot holds. */
  incidentNumbers?: readonly number[];
}

/**
 * Every public path of the page for one snapshot, in the default language and zone: what a static
 * export must fetch to serve the same site without the process.
 */
export function sitePaths(snapshot: PublicSnapshot, options: SitePathOptions = { historyPageSize }): string[] {
  if (!Number.isInteger(options.historyPageSize) || options.historyPageSize < 1) {
    throw new RangeError(`historyPageSize must be a positive integer (got ${options.historyPageSize})`);
  }
  const numbers = options.incidentNumbers ?? snapshot.incidents.map((incident) => incident.number);
  const historyPages = Math.max(1, Math.ceil(numbers.length / options.historyPageSize));
  const history = Array.from({ length: historyPages }, (_, i) => historyPath(i + 1));
  return [
    '/',
    ...history,
    ...numbers.map((number) => `/incidents/${incidentId(number)}`),
    ...statuspageDocumentPaths,
    atomFeedPath,
    rssFeedPath,
    ...assetPaths,
  ];
}
