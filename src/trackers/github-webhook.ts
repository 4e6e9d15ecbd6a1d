import { z } from 'zod';
import type { TrackerChange } from '../services/followup/tracker-changes.ts';
import { deliveryHeader, sha256Header, signedWebhookRoute, validHmac } from './signed-webhook.ts';

/** The part of an `issues` event that is read (https://docs.github.com/webhooks/webhook-events-and-payloads#issues). */
const IssuesEvent = z.object({
  action: z.string(),
  issue: z.object({ number: z.number().int().positive() }),
  repository: z.object({ full_name: z.string().max(200) }),
  // A GitHub login is at most 39 characters; it names who marked the follow-up done.
  sender: z.object({ login: z.string().min(1).max(39) }),
});

/**
 * POST /trackers/github: GitHub's webhook, signed with its secret (X-Hub-Signature-256). An issue
 * closed or reopened is handed to `apply`; every other event, and an issue no follow-up is linked
 * to, is acknowledged and ignored.
 */
export function githubWebhookRoute(secret: string, apply: (change: TrackerChange) => Promise<string>) {
  return signedWebhookRoute({
    path: '/trackers/github',
    signed: (body, headers) => validHmac(body, sha256Header(headers['x-hub-signature-256']), secret),
    async handle(json, headers) {
      const event = headers['x-github-event'];
      if (event !== 'issues') return [202, { ignored: `event ${String(event)}` }];
      const parsed = IssuesEvent.safeParse(json);
      if (!parsed.success) return [400, { error: 'Not an issues event' }];
      const { action, issue, repository, sender } = parsed.data;
      if (action !== 'closed' && action !== 'reopened') return [202, { ignored: `action ${action}` }];
      const deliveryId = deliveryHeader(headers, 'x-github-delivery');
      if (!deliveryId) return [400, { error: 'X-GitHub-Delivery missing' }];
      const result = await apply({ kind: 'github', key: `${repository.full_name}#${issue.number}`, action, by: sender.login, deliveryId });
      return [200, { result }];
    },
  });
}
