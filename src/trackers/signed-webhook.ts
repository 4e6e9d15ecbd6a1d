import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { readBody } from '../http/read-body.ts';

/** GitHub caps a webhook's payload at 25 MB; an issue event is a few kilobytes, so far less is taken. */
const bodyLimit = 1024 * 1024;

/**
 * Whether `hex` is the HMAC-SHA256 of the raw body with the secret, compared in constant time: the
 * signature GitHub (X-Hub-Signature-256), Jira (X-Hub-Signature) and Linear (Linear-Signature) send.
 */
export function validHmac(body: Buffer, hex: string | string[] | undefined, secret: string): boolean {
  if (typeof hex !== 'string') return false;
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The value of a `sha256=<hex>` header, as GitHub and Jira write it; undefined when it is not one. */
export function sha256Header(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' && header.startsWith('sha256=') ? header.slice('sha256='.length) : undefined;
}

/** A header naming one delivery, the same on the tracker's retries of it; undefined when missing or unreasonably long. */
export function deliveryHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
}

/** What a tracker's handler answers: the status and the JSON body. */
type WebhookAnswer = [status: number, body: Record<string, unknown>];

interface SignedWebhook {
  path: string;
  /** Whether the raw body is signed with the tracker's secret. */
  signed(body: Buffer, headers: IncomingHttpHeaders): boolean;
  /** Reads the verified JSON event. */
  handle(json: unknown, headers: IncomingHttpHeaders): Promise<WebhookAnswer>;
}

function answer(res: ServerResponse, [status, body]: WebhookAnswer): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

/**
 * A tracker's webhook route: POST only, at most 1 MB, refused before anything is read of it unless
 * signed, then parsed as JSON and handed over. Answers false for any other path.
 */
export function signedWebhookRoute({ path, signed, handle }: SignedWebhook) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if ((req.url ?? '').split('?', 1)[0] !== path) return false;
    if (req.method !== 'POST') return answer(res, [405, { error: 'POST only' }]);
    const body = await readBody(req, bodyLimit);
    if (!body) return answer(res, [413, { error: 'Request body too large' }]);
    if (!signed(body, req.headers)) return answer(res, [401, { error: 'Invalid signature' }]);
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(res, [400, { error: 'The body is not JSON' }]);
    }
    return answer(res, await handle(json, req.headers));
  };
}
