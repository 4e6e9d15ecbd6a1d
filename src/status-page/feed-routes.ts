import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { atomFeedPath, historyAtom, historyRss, rssFeedPath } from './feeds.ts';
import { pickLanguage } from './routes.ts';
import type { PublicSnapshot } from '../domain/public-page/snapshot.ts';
import { type SnapshotCache, builtOnce } from './snapshot-cache.ts';

const atomContentType = 'application/atom+xml; charset=utf-8';
const rssContentType = 'application/rss+xml; charset=utf-8';

const feeds = {
  [atomFeedPath]: { render: historyAtom, contentType: atomContentType },
  [rssFeedPath]: { render: historyRss, contentType: rssContentType },
} as const;

interface Rendered {
  body: Buffer;
  etag: string;
}

/**
 * Serves /history.atom and /history.rss (`?lang=` picks one of the page's languages). Kept apart from
 * routes.ts so it can be mounted beside the page handler; bodies are built once per snapshot and
 * language, and readers that poll with If-None-Match get a 304.
 */
export function createFeedHandler(getSnapshot: () => PublicSnapshot): (req: IncomingMessage, res: ServerResponse) => boolean {
  const cache: SnapshotCache<Rendered> = new WeakMap();
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://status.invalid');
    const feed = url.pathname === atomFeedPath || url.pathname === rssFeedPath ? feeds[url.pathname] : undefined;
    if (!feed) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return true;
    }
    const snapshot = getSnapshot();
    const lang = pickLanguage(url.searchParams.get('lang'), snapshot.page.languages);
    const rendered = builtOnce(cache, snapshot, `${url.pathname} ${lang}`, () => {
      const body = Buffer.from(feed.render(snapshot, { lang }), 'utf8');
      return { body, etag: `"${createHash('sha256').update(body).digest('base64url')}"` };
    });
    // Web-based readers fetch feeds cross-origin, as widgets do the JSON.
    const headers = {
      'Access-Control-Allow-Origin': '*',
      'Cache-Control': 'public, max-age=60',
      ETag: rendered.etag,
      'X-Content-Type-Options': 'nosniff',
    };
    const tags = req.headers['if-none-match']?.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    if (tags?.some((tag) => tag === '*' || tag === rendered.etag)) {
      res.writeHead(304, headers);
      res.end();
      return true;
    }
    res.writeHead(200, { ...headers, 'Content-Type': feed.contentType, 'Content-Length': String(rendered.body.length) });
    res.end(req.method === 'HEAD' ? undefined : rendered.body);
    return true;
  };
}
