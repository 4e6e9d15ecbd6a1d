import type { IncomingMessage, ServerResponse } from 'node:http';
import { incidentId } from '../domain/incident.ts';
import { messages } from '../i18n/messages.ts';
import type { HistorySource } from '../domain/public-page/history.ts';
import type { PageOptions } from './html/document.ts';
import { historyAddress, renderHistoryPage } from './html/history-page.ts';
import { renderHomePage } from './html/home.ts';
import { renderIncidentPage } from './html/incident-page.ts';
import { renderMessagePage } from './html/message-page.ts';
import { htmlHeaders, prepare, send, type Prepared } from './respond.ts';
import type { PublicIncident, PublicSnapshot } from '../domain/public-page/snapshot.ts';
import { type SnapshotCache, forSnapshot } from './snapshot-cache.ts';

/** The HTML pages of the site; any other path is not one of them. */
export type PageRequest = { kind: 'home' } | { kind: 'history'; page: number } | { kind: 'incident'; number: number } | { kind: 'not-found' };

interface Visit {
  req: IncomingMessage;
  res: ServerResponse;
  snapshot: PublicSnapshot;
  options: PageOptions;
}

/** Incident ids are 32-bit integers in both databases. */
const largestIncident = 2_147_483_647;

/**
 * What a path asks for, or null when it is not a page of this site. `/incidents/` addresses other than
 * INC-<n> are left to other handlers (maintenance has its own ids); a malformed history page is not found.
 */
export function pageRequest(path: string, params: URLSearchParams): PageRequest | null {
  if (path === '/') return { kind: 'home' };
  if (path === '/history') {
    const page = params.get('page');
    if (page === null) return { kind: 'history', page: 1 };
    return /^[1-9][0-9]{0,5}$/.test(page) ? { kind: 'history', page: Number(page) } : { kind: 'not-found' };
  }
  if (path.startsWith('/history/page/')) {
    const page = /^\/history\/page\/([1-9][0-9]{0,5})\/?$/.exec(path)?.[1];
    return page ? { kind: 'history', page: Number(page) } : { kind: 'not-found' };
  }
  const incident = /^\/incidents\/INC-([0-9]{1,12})$/.exec(path);
  if (!incident) return null;
  const number = Number(incident[1]);
  return number >= 1 && number <= largestIncident ? { kind: 'incident', number } : { kind: 'not-found' };
}

/**
 * A crawl through every incident and history page, times every language and zone, must not grow memory
 * without bound until the next publication: past these counts the oldest entries of a snapshot go.
 */
const loadLimit = 1_000;
const bodyLimit = 2_000;

/**
 * Serves the HTML pages. Bodies are built once per snapshot, language and zone; what the snapshot does
 * not hold (history pages, older incidents) is asked of `history` at most once per snapshot, and
 * visitors arriving while it loads wait for that same load: a spike on a history page costs one query.
 */
export function createPageResponder(history: HistorySource) {
  const loads: SnapshotCache<Promise<unknown>> = new WeakMap();
  const bodies: SnapshotCache<Prepared> = new WeakMap();

  function loadOnce<T>(snapshot: PublicSnapshot, key: string, fetch: () => Promise<T>): Promise<T> {
    const pending = forSnapshot(loads, snapshot);
    let load = pending.get(key) as Promise<T> | undefined;
    if (!load) {
      const started = fetch();
      load = started;
      remember(pending, key, started, loadLimit);
      // A failure is not kept: the next visitor tries again rather than seeing the error until the next publication.
      started.catch(() => {
        if (pending.get(key) === started) pending.delete(key);
      });
    }
    return load;
  }

  function bodyOnce(snapshot: PublicSnapshot, key: string, build: () => Prepared): Prepared {
    const built = forSnapshot(bodies, snapshot);
    const known = built.get(key);
    if (known) return known;
    const prepared = build();
    remember(built, key, prepared, bodyLimit);
    return prepared;
  }

  const html = (body: string, status = 200) => prepare(body, 'text/html; charset=utf-8', htmlHeaders, status);
  const notFound = ({ snapshot, options }: Visit, message: string, path: string) =>
    html(renderMessagePage(snapshot, options, { title: messages(options.lang).pageNotFound, message, address: { path } }), 404);

  /**
   * Answers once the load settles: with the page (built once per snapshot and variant), with a 503 that
   * no cache keeps when the load failed, or with a 500 when rendering threw.
   */
  function whenLoaded<T>(visit: Visit, bodyKey: string, load: Promise<T>, build: (loaded: T) => Prepared): void {
    const { req, res, snapshot, options } = visit;
    load
      .then(
        (loaded) =>
          send(
            req,
            res,
            bodyOnce(snapshot, bodyKey, () => build(loaded)),
          ),
        () => {
          const text = messages(options.lang);
          const body = renderMessagePage(snapshot, options, { title: text.pageUnavailable, message: text.pageUnavailable, address: { path: '/' } });
          send(req, res, prepare(body, 'text/html; charset=utf-8', { ...htmlHeaders, 'Cache-Control': 'no-store', 'Retry-After': '5' }, 503));
        },
      )
      .catch(() => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('Internal error\n');
      });
  }

  return (req: IncomingMessage, res: ServerResponse, request: PageRequest, snapshot: PublicSnapshot, options: PageOptions): void => {
    const visit: Visit = { req, res, snapshot, options };
    const variant = `${options.lang} ${options.zone}`;
    if (request.kind === 'home') {
      send(
        req,
        res,
        bodyOnce(snapshot, `home ${variant}`, () => html(renderHomePage(snapshot, options))),
      );
      return;
    }
    if (request.kind === 'not-found') {
      send(
        req,
        res,
        bodyOnce(snapshot, `not-found ${variant}`, () => notFound(visit, messages(options.lang).pageNotFoundText, '/')),
      );
      return;
    }
    const key = request.kind === 'history' ? `history ${request.page}` : `incident ${request.number}`;
    const bodyKey = `${key} ${variant}`;
    const ready = forSnapshot(bodies, snapshot).get(bodyKey);
    if (ready) {
      send(req, res, ready);
      return;
    }
    if (request.kind === 'history') {
      const { page } = request;
      whenLoaded(
        visit,
        bodyKey,
        loadOnce(snapshot, key, () => history.page(page)),
        (loaded) =>
          loaded.incidents.length === 0 && page > 1
            ? notFound(visit, messages(options.lang).pageNotFoundText, historyAddress(1).path)
            : html(renderHistoryPage(snapshot, loaded, options)),
      );
      return;
    }
    const id = incidentId(request.number);
    const build = (incident: PublicIncident | null) =>
      incident ? html(renderIncidentPage(snapshot, incident, options)) : notFound(visit, messages(options.lang).incidentNotFound(id), `/incidents/${id}`);
    // Recent incidents are in the snapshot already; only older ones cost a load.
    const recent = snapshot.incidents.find((incident) => incident.number === request.number);
    if (recent)
      send(
        req,
        res,
        bodyOnce(snapshot, bodyKey, () => build(recent)),
      );
    else
      whenLoaded(
        visit,
        bodyKey,
        loadOnce(snapshot, key, () => history.incident(request.number)),
        build,
      );
  };
}

/** Maps keep insertion order, so the first key is the oldest. */
function remember<V>(map: Map<string, V>, key: string, value: V, limit: number): void {
  if (map.size >= limit) map.delete(map.keys().next().value!);
  map.set(key, value);
}
