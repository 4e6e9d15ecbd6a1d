import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** A response body built once and sent many times, with its validator. */
export interface Prepared {
  body: Buffer;
  etag: string;
  contentType: string;
  /** Sent with 200 and 304 alike, so a revalidated response keeps its CORS and caching rules. */
  headers: Record<string, string>;
  /** 200 unless said otherwise; only a 200 is ever answered with 304. */
  status?: number;
  /** The full header sets, built once: the hot path only writes them. */
  full: Record<string, string>;
  notModified: Record<string, string>;
}

export const htmlHeaders = {
  'Cache-Control': 'public, max-age=10',
  'Content-Security-Policy': "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
};

export function prepare(body: string | Buffer, contentType: string, headers: Record<string, string>, status = 200): Prepared {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const etag = `"${createHash('sha256').update(bytes).digest('base64url')}"`;
  const notModified = { ...headers, ETag: etag, 'X-Content-Type-Options': 'nosniff' };
  const full = { ...notModified, 'Content-Type': contentType, 'Content-Length': String(bytes.length) };
  return { body: bytes, etag, contentType, headers, status, full, notModified };
}

export function send(req: IncomingMessage, res: ServerResponse, prepared: Prepared): void {
  const status = prepared.status ?? 200;
  if (status === 200 && matchesEtag(req.headers['if-none-match'], prepared.etag)) {
    res.writeHead(304, prepared.notModified);
    res.end();
    return;
  }
  res.writeHead(status, prepared.full);
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
