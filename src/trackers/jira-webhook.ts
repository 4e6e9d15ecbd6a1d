import { z } from 'zod';
import type { TrackerChange } from '../services/followup/tracker-changes.ts';
import { deliveryHeader, sha256Header, signedWebhookRoute, validHmac } from './signed-webhook.ts';

/** The part of a `jira:issue_updated` event that is read (https://developer.atlassian.com/cloud/jira/platform/webhooks/). */
const IssueUpdated = z.object({
  webhookEvent: z.string(),
  user: z.object({ displayName: z.string().min(1).max(255) }),
  issue: z.object({
    key: z.string().regex(/^[A-Z][A-Z0-9_]*-\d+$/),
    fields: z.object({ status: z.object({ statusCategory: z.object({ key: z.string() }) }) }),
  }),
  changelog: z.object({ items: z.array(z.object({ field: z.string() })) }).optional(),
});

/**
 * POST /trackers/jira: the Jira Cloud webhook, registered with a secret so that Jira signs it
 * (X-Hub-Signature). An issue moved into a status of the "done" category is closed, one moved out
 * of it reopened; other changes and events are acknowledged and ignored.
 */
export function jiraWebhookRoute(secret: string, apply: (change: TrackerChange) => Promise<string>) {
  return signedWebhookRoute({
    path: '/trackers/jira',
    signed: (body, headers) => validHmac(body, sha256Header(headers['x-hub-signature']), secret),
    async handle(json, headers) {
      const parsed = IssueUpdated.safeParse(json);
      if (!parsed.success || parsed.data.webhookEvent !== 'jira:issue_updated') return [202, { ignored: 'not an issue update' }];
      const { user, issue, changelog } = parsed.data;
      if (!changelog?.items.some((item) => item.field === 'status')) return [202, { ignored: 'no change of status' }];
      // The same on Jira's retries of a delivery.
      const deliveryId = deliveryHeader(headers, 'x-atlassian-webhook-identifier');
      if (!deliveryId) return [400, { error: 'X-Atlassian-Webhook-Identifier missing' }];
      const action = issue.fields.status.statusCategory.key === 'done' ? 'closed' : 'reopened';
      const result = await apply({ kind: 'jira', key: issue.key, action, by: user.displayName, deliveryId });
      return [200, { result }];
    },
  });
}
