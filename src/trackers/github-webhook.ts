import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody } from '../http/read-body.ts';
import type { TrackerChange } from '../services/followup/tracker-changes.ts';

const githubWebhookPath = '/trackers/github';

/** GitHub caps a webhook's payload at 25 MB; an issue event is a few kilobytes, so far less is taken. */
export const bodyLimit = 1024 * 1024;

/** The part of an `issues` event that is read (https://docs.github.com/webhooks/webhook-events-and-payloads#issues). */
const IssuesEvent = z.object({
  action: z.string(),
  issue: z.object({ number: z.number().int().positive() }),
  repository: z.object({ full_name: z.string().max(200) }),
  // A GitHub login is at most 39 characters; it names who marked the follow-up done.
  sender: z.object({ login: z.string().min(1).max(39) }),
});

/**
 * Whether the signature header (`sha256=<hex>`, as GitHub's X-Hub-Signature-256 and Jira's
 * X-Hub-Signature write it) is the HMAC-SHA256 of the raw body with the secret, compared in constant time.
 */
export function validHubSignature(body: Buffer, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice('sha256='.length), 'hex');
  const expected = createHmac('sha256', secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function answer(res: ServerResponse, status: number, body: unknown): true {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
  return true;
}

/**
 * POST /trackers/github: GitHub's webhook. A request not signed with the secret is refused before
 * anything is read of it; an issue closed or reopened is handed to `apply`; every other event, and
 * an issue no follow-up is linked to, is acknowledged and ignored.
 */
export function githubWebhookRoute(secret: string, apply: (change: TrackerChange) => Promise<string>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if ((req.url ?? '').split('?', 1)[0] !== githubWebhookPath) return false;
    if (req.method !== 'POST') return answer(res, 405, { error: 'POST only' });
    const body = await readBody(req, bodyLimit);
    if (!body) return answer(res, 413, { error: 'Request body too large' });
    if (!validHubSignature(body, req.headers['x-hub-signature-256'], secret)) return answer(res, 401, { error: 'Invalid signature' });
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(res, 400, { error: 'The body is not JSON' });
    }
    const event = req.headers['x-github-event'];
    if (event !== 'issues') return answer(res, 202, { ignored: `event ${String(event)}` });
    const parsed = IssuesEvent.safeParse(json);
    if (!parsed.success) return answer(res, 400, { error: 'Not an issues event' });
    const { action, issue, repository, sender } = parsed.data;
    if (action !== 'closed' && action !== 'reopened') return answer(res, 202, { ignored: `action ${action}` });
    const delivery = req.headers['x-github-delivery'];
    if (typeof delivery !== 'string' || delivery.length === 0 || delivery.length > 100) return answer(res, 400, { error: 'X-GitHub-Delivery missing' });
    const result = await apply({ kind: 'github', key: `${repository.full_name}#${issue.number}`, action, by: sender.login, deliveryId: delivery });
    return answer(res, 200, { result });
  };
}
