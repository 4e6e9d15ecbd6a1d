import { z } from 'zod';
import type { TrackerChange } from '../services/followup/tracker-changes.ts';
import { deliveryHeader, signedWebhookRoute, validHmac } from './signed-webhook.ts';

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
  return signedWebhookRoute({
    path: '/trackers/linear',
    signed: (body, headers) => validHmac(body, headers['linear-signature'], secret),
    async handle(json, headers) {
      const parsed = IssueUpdate.safeParse(json);
      if (!parsed.success || parsed.data.type !== 'Issue' || parsed.data.action !== 'update') return [202, { ignored: 'not an issue update' }];
      const { webhookTimestamp, actor, data, updatedFrom } = parsed.data;
      if (Math.abs(now().getTime() - webhookTimestamp) > maxSkewMs) return [401, { error: 'webhookTimestamp more than a minute from now' }];
      if (updatedFrom?.stateId === undefined) return [202, { ignored: 'no change of state' }];
      const deliveryId = deliveryHeader(headers, 'linear-delivery');
      if (!deliveryId) return [400, { error: 'Linear-Delivery missing' }];
      const action = data.state.type === 'completed' ? 'closed' : 'reopened';
      const result = await apply({ kind: 'linear', key: data.identifier, action, by: actor?.name ?? 'someone', deliveryId });
      return [200, { result }];
    },
  });
}
