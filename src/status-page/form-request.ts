import type { IncomingMessage } from 'node:http';

/** A form of a few fields fits easily; anything larger is not from our forms. */
const formLimitBytes = 8 * 1024;

export type FormBody = { ok: true; fields: URLSearchParams } | { ok: false; status: 413 | 415 };

/** Reads an application/x-www-form-urlencoded body of at most `limit` bytes. */
export async function readForm(req: IncomingMessage, limit = formLimitBytes): Promise<FormBody> {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') return { ok: false, status: 415 };
  if (Number(req.headers['content-length'] ?? 0) > limit) return { ok: false, status: 413 };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return { ok: false, status: 413 };
    chunks.push(chunk);
  }
  return { ok: true, fields: new URLSearchParams(Buffer.concat(chunks).toString('utf8')) };
}

/**
 * Whether a browser sent the form from this site. Fetch metadata (Sec-Fetch-Site, sent by current
 * browsers to https and localhost origins) decides when present; else an Origin other than this site's
 * is refused. A request with neither is not a browser's cross-site post: it is let through, and the
 * rate limits bound what it can do. (The page's `Referrer-Policy: no-referrer` makes browsers send
 * `Origin: null` on every form post, so that value says nothing either way.)
 */
export function fromThisSite(req: IncomingMessage, publicBaseUrl: string): boolean {
  const site = req.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (!origin || origin === 'null') return true;
  const allowed = new Set<string>();
  if (publicBaseUrl) allowed.add(new URL(publicBaseUrl).origin);
  if (req.headers.host) for (const scheme of ['http', 'https']) allowed.add(`${scheme}://${req.headers.host}`);
  return allowed.has(origin);
}

/** The client's address as this process sees it (behind a proxy, the proxy's). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
