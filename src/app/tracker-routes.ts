import type { AppConfig } from '../config.ts';
import type { Services } from '../services/context.ts';
import { type TrackerChange, applyTrackerChange } from '../services/followup/tracker-changes.ts';
import type { Clock } from '../time/clock.ts';
import { githubWebhookRoute } from '../trackers/github-webhook.ts';
import { jiraWebhookRoute } from '../trackers/jira-webhook.ts';
import { linearWebhookRoute } from '../trackers/linear-webhook.ts';

/** The webhook of the configured tracker, when it has a secret to verify it by: its issues closed there are done here. */
export function trackerRoutes(config: Pick<AppConfig, 'github' | 'jira' | 'linear'>, services: Services, clock: Clock) {
  const apply = (change: TrackerChange) => applyTrackerChange(services, change);
  return [
    ...(config.github?.webhookSecret ? [githubWebhookRoute(config.github.webhookSecret, apply)] : []),
    ...(config.jira?.webhookSecret ? [jiraWebhookRoute(config.jira.webhookSecret, apply)] : []),
    ...(config.linear?.webhookSecret ? [linearWebhookRoute(config.linear.webhookSecret, () => clock.now(), apply)] : []),
  ];
}
