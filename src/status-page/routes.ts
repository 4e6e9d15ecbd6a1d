import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Language } from '../i18n/languages.ts';
import { canonicalZone } from '../time/zone.ts';
import { snapshotHistory, type HistorySource } from '../domain/public-page/history.ts';
import { createPageResponder, pageRequest } from './html-pages.ts';
import { prepare, send, type Prepared } from './respond.ts';
import type { PublicSnapshot } from '../domain/public-page/snapshot.ts';
import {
  activeMaintenancesJson,
  componentsJson,
  incidentsJson,
  scheduledMaintenancesJson,
  statusJson,
  summaryJson,
  unresolvedIncidentsJson,
  upcomingMaintenancesJson,
} from './statuspage-json.ts';
import { type SnapshotCache, builtOnce } from './snapshot-cache.ts';

const jsonDocuments: Record<string, (snapshot: PublicSnapshot) => unknown> = {
  '/api/v2/summary.json': summaryJson,
  '/api/v2/status.json': statusJson,
  '/api/v2/components.json': componentsJson,
  '/api/v2/incidents.json': incidentsJson,
  '/api/v2/incidents/unresolved.json': unresolvedIncidentsJson,
  '/api/v2/scheduled-maintenances.json': scheduledMaintenancesJson,
  '/api/v2/scheduled-maintenances/upcoming.json': upcomingMaintenancesJson,
  '/api/v2/scheduled-maintenances/active.json': activeMaintenancesJson,
};

/** The Statuspage v2 documents this page serves, for the static export. */
export const statuspageDocumentPaths = Object.keys(jsonDocuments);

const stylesheetPath = '/assets/style.css';
const noParams = new URLSearchParams();

/** Embeddable widgets and monitors poll the JSON from other origins; a short max-age absorbs polling bursts. */
const jsonHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'public, max-age=10',
};

const stylesheet = prepare(readFileSync(new URL('./assets/style.css', import.meta.url)), 'text/css; charset=utf-8', {
  'Cache-Control': 'public, max-age=300',
});

/** Where the page's content comes from: the snapshot, and the history it does not hold. */
export interface StatusPageSource {
  snapshot(): PublicSnapshot;
  history: HistorySource;
}

/**
 * Serves the public page, its incident and history pages and its Statuspage-compatible API from the
 * current snapshot. Returns false for paths it does not own so the caller can route them elsewhere.
 * Bodies are built once per snapshot (and per language and zone for the HTML): a burst of visitors
 * during an incident costs one render. Given only a snapshot getter, history comes from the snapshot.
 */
export function createStatusPageHandler(source: StatusPageSource | (() => PublicSnapshot)): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { snapshot: getSnapshot, history } = typeof source === 'function' ? { snapshot: source, history: snapshotHistory(source) } : source;
  const pages = createPageResponder(history);
  const cache: SnapshotCache<Prepared> = new WeakMap();

  return (req, res) => {
    // Split by hand: this runs for every visitor of a page under load, and most requests carry no query.
    const raw = req.url ?? '/';
    const mark = raw.indexOf('?');
    const path = mark < 0 ? raw : raw.slice(0, mark);
    const params = mark < 0 ? noParams : new URLSearchParams(raw.slice(mark + 1));
    const document = jsonDocuments[path];
    const page = document ? null : pageRequest(path, params);
    if (path !== stylesheetPath && !document && !page) return false;

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return true;
    }

    if (path === stylesheetPath) {
      send(req, res, stylesheet);
      return true;
    }

    const snapshot = getSnapshot();
    if (document) {
      send(
        req,
        res,
        builtOnce(cache, snapshot, path, () => prepare(JSON.stringify(document(snapshot)), 'application/json; charset=utf-8', jsonHeaders)),
      );
      return true;
    }

    const lang = pickLanguage(params.get('lang'), snapshot.page.languages);
    const zone = pickZone(params.get('tz'), snapshot.page.timeZone);
    pages(req, res, page!, snapshot, { lang, zone });
    return true;
  };
}

/** The requested language when the page offers it (any letter case), else the page's default. */
export function pickLanguage(requested: string | null, offered: readonly Language[]): Language {
  const wanted = requested?.toLowerCase();
  return offered.find((lang) => lang.toLowerCase() === wanted) ?? offered[0] ?? 'en';
}

/**
 * The requested zone when it is an IANA name, canonicalised so `america/sao_paulo` and
 * `America/Sao_Paulo` share one cached body; else the page's zone. Bare offsets such as `+03:00`, which
 * Intl also accepts, are refused: they are not zones and would show a wrong offset across DST.
 */
export function pickZone(requested: string | null, fallback: string): string {
  if (!requested || !/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(requested)) return fallback;
  return canonicalZone(requested) ?? fallback;
}
