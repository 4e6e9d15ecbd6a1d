import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Language } from '../i18n/languages.ts';
import { renderHomePage } from './html/home.ts';
import type { PublicSnapshot } from './snapshot.ts';
import {
  componentsJson,
  incidentsJson,
  statusJson,
  summaryJson,
  unresolvedIncidentsJson,
} from './statuspage-json.ts';

interface Prepared {
  body: Buffer;
  etag: string;
  contentType: string;
  /** Sent with 200 and 304 alike, so a revalidated response keeps its CORS and caching rules. */
  headers: Record<string, string>;
}

const jsonDocuments: Record<string, (snapshot: PublicSnapshot) => unknown> = {
  '/api/v2/summary.json': summaryJson,
  '/api/v2/status.json': statusJson,
  '/api/v2/components.json': componentsJson,
  '/api/v2/incidents.json': incidentsJson,
  '/api/v2/incidents/unresolved.json': unresolvedIncidentsJson,
};

const stylesheetPath = '/assets/style.css';

/** Embeddable widgets and monitors poll the JSON from other origins; a short max-age absorbs polling bursts. */
const jsonHeaders = {
  'Access-Control-Allow-Origin': '*',
  'Cache-Control': 'public, max-age=10',
};

const htmlHeaders = {
  'Cache-Control': 'public, max-age=10',
  'Content-Security-Policy':
    "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

const stylesheet = prepare(readFileSync(new URL('./assets/style.css', import.meta.url)), 'text/css; charset=utf-8', {
  'Cache-Control': 'public, max-age=300',
});

/**
 * Serves the public page and its Statuspage-compatible API from the current snapshot. Returns false for
 * paths it does not own so the caller can route them elsewhere. Bodies are built once per snapshot (and
 * per language and zone for the HTML): a burst of visitors during an incident costs one render.
 */
export function createStatusPageHandler(
  getSnapshot: () => PublicSnapshot,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const cache = new WeakMap<PublicSnapshot, Map<string, Prepared>>();

  const cached = (snapshot: PublicSnapshot, key: string, build: () => Prepared): Prepared => {
    let bodies = cache.get(snapshot);
    if (!bodies) {
      bodies = new Map();
      cache.set(snapshot, bodies);
    }
    let prepared = bodies.get(key);
    if (!prepared) {
      prepared = build();
      bodies.set(key, prepared);
    }
    return prepared;
  };

  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://status.invalid');
    const path = url.pathname;
    const document = jsonDocuments[path];
    if (path !== '/' && path !== stylesheetPath && !document) return false;

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
      send(req, res, cached(snapshot, path, () => prepare(JSON.stringify(document(snapshot)), 'application/json; charset=utf-8', jsonHeaders)));
      return true;
    }

    const lang = pickLanguage(url.searchParams.get('lang'), snapshot.page.languages);
    const zone = pickZone(url.searchParams.get('tz'), snapshot.page.timeZone);
    send(
      req,
      res,
      cached(snapshot, `html ${lang} ${zone}`, () => prepare(renderHomePage(snapshot, { lang, zone }), 'text/html; charset=utf-8', htmlHeaders)),
    );
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
  try {
    return new Intl.DateTimeFormat('en', { timeZone: requested }).resolvedOptions().timeZone;
  } catch {
    return fallback;
  }
}

function prepare(body: string | Buffer, contentType: string, headers: Record<string, string>): Prepared {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const etag = `"${createHash('sha256').update(bytes).digest('base64url')}"`;
  return { body: bytes, etag, contentType, headers };
}

function send(req: IncomingMessage, res: ServerResponse, prepared: Prepared): void {
  const headers = { ...prepared.headers, ETag: prepared.etag, 'X-Content-Type-Options': 'nosniff' };
  if (matchesEtag(req.headers['if-none-match'], prepared.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'Content-Type': prepared.contentType,
    'Content-Length': String(prepared.body.length),
  });
  res.end(req.method === 'HEAD' ? undefined : prepared.body);
}

/** If-None-Match uses the weak comparison (RFC 9110 §13.1.2), so a W/ prefix from a proxy still matches. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
