import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody } from '../http/read-body.ts';
import type { TrackerChange } from '../services/followup/tracker-changes.ts';
import { answer, bodyLimit, validHubSignature } from './github-webhook.ts';

const linearWebhookPath = '/trackers/linear';
/** Linear asks receivers to refuse a webhook whose timestamp is more than a minute from now: a replay. */
const maxSkewMs = 60_000;

/** The part of an Issue `update` event that is read (https://linear.app/developers/webhooks). */
const IssueUpdate = z.object({
  action: z.string(),
  type: z.string(),
  webhookTimestamp: z.number(),
  actor: z.object({ name: z.string().min(1).max(255) }).optional(),
  data: z.object({ identifier: z.string().regex(/^[A-Z0-9]+-\d+$/), state: z.object({ type: z.string() }) }),
  updatedFrom: z.object({ stateId: z.string().optional() }).optional(),
});

/**
 * POST /trackers/linear: Linear's webhook, signed with its secret (Linear-Signature, the hex
 * HMAC-SHA256 of the raw body). An issue moved into a completed state is closed, one moved out of it
 * reopened; other changes and events are acknowledged and ignored.
 */
export function linearWebhookRoute(secret: string, now: () => Date, apply: (change: TrackerChange) => Promise<string>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if ((req.url ?? '').split('?', 1)[0] !== linearWebhookPath) return false;
    if (req.method !== 'POST') return answer(res, 405, { error: 'POST only' });
    const body = await readBody(req, bodyLimit);
    if (!body) return answer(res, 413, { error: 'Request body too large' });
    const signature = req.headers['linear-signature'];
    // The same HMAC as GitHub's, written without the "sha256=" prefix.
    if (typeof signature !== 'string' || !validHubSignature(body, `sha256=${signature}`, secret)) return answer(res, 401, { error: 'Invalid signature' });
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(res, 400, { error: 'The body is not JSON' });
    }
    const parsed = IssueUpdate.safeParse(json);
    if (!parsed.success || parsed.data.type !== 'Issue' || parsed.data.action !== 'update') return answer(res, 202, { ignored: 'not an issue update' });
    const { webhookTimestamp, actor, data, updatedFrom } = parsed.data;
    if (Math.abs(now().getTime() - webhookTimestamp) > maxSkewMs) return answer(res, 401, { error: 'webhookTimestamp more than a minute from now' });
    if (updatedFrom?.stateId === undefined) return answer(res, 202, { ignored: 'no change of state' });
    const delivery = req.headers['linear-delivery'];
    if (typeof delivery !== 'string' || delivery.length === 0 || delivery.length > 100) return answer(res, 400, { error: 'Linear-Delivery missing' });
    const action = data.state.type === 'completed' ? 'closed' : 'reopened';
    const result = await apply({ kind: 'linear', key: data.identifier, action, by: actor?.name ?? 'someone', deliveryId: delivery });
    return answer(res, 200, { result });
  };
}
