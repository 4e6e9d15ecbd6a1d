import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { readBody } from '../http/read-body.ts';
import type { TrackerChange } from '../services/followup/tracker-changes.ts';
import { answer, bodyLimit, validHubSignature } from './github-webhook.ts';

const jiraWebhookPath = '/trackers/jira';

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
  return async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    if ((req.url ?? '').split('?', 1)[0] !== jiraWebhookPath) return false;
    if (req.method !== 'POST') return answer(res, 405, { error: 'POST only' });
    const body = await readBody(req, bodyLimit);
    if (!body) return answer(res, 413, { error: 'Request body too large' });
    if (!validHubSignature(body, req.headers['x-hub-signature'], secret)) return answer(res, 401, { error: 'Invalid signature' });
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      return answer(res, 400, { error: 'The body is not JSON' });
    }
    const parsed = IssueUpdated.safeParse(json);
    if (!parsed.success || parsed.data.webhookEvent !== 'jira:issue_updated') return answer(res, 202, { ignored: 'not an issue update' });
    const { user, issue, changelog } = parsed.data;
    if (!changelog?.items.some((item) => item.field === 'status')) return answer(res, 202, { ignored: 'no change of status' });
    // The same on Jira's retries of a delivery.
    const delivery = req.headers['x-atlassian-webhook-identifier'];
    if (typeof delivery !== 'string' || delivery.length === 0 || delivery.length > 100)
      return answer(res, 400, { error: 'X-Atlassian-Webhook-Identifier missing' });
    const action = issue.fields.status.statusCategory.key === 'done' ? 'closed' : 'reopened';
    const result = await apply({ kind: 'jira', key: issue.key, action, by: user.displayName, deliveryId: delivery });
    return answer(res, 200, { result });
  };
}
