import type { AppConfig } from '../config.ts';
import { githubIssues } from './github.ts';
import { jiraIssues } from './jira.ts';
import { linearIssues } from './linear.ts';
import type { IssueTracker } from './tracker.ts';

type Trackers = Pick<AppConfig, 'github' | 'jira' | 'linear'>;

/** The tracker follow-ups are created in, if one is configured (the configuration allows one at most). */
export function configuredTracker(config: Trackers, now: () => Date, timeoutMs?: number): IssueTracker | null {
  if (config.github) return githubIssues(config.github, now, timeoutMs);
  if (config.jira) return jiraIssues(config.jira, now, timeoutMs);
  if (config.linear) return linearIssues(config.linear, now, timeoutMs);
  return null;
}

/** The secret that tracker is reached with, for masking. */
export function trackerSecret(config: Trackers): string | null {
  return config.github?.token ?? config.jira?.apiToken ?? config.linear?.apiKey ?? null;
}
