// The trackers' settings (see docs/trackers.md): the file names where, the environment holds the secrets.
import { z } from 'zod';
import type { FileConfig } from './config-file.ts';

/** The trackers' variables, part of the environment src/config.ts reads. */
export const TrackerEnvironment = {
  GITHUB_TOKEN: z.string().trim().min(1, 'must not be empty').optional(),
  GITHUB_WEBHOOK_SECRET: z.string().min(1, 'must not be empty').optional(),
  GITHUB_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.github.com'),
  JIRA_EMAIL: z.email({ error: 'the e-mail address of the Atlassian account the API token belongs to' }).optional(),
  JIRA_API_TOKEN: z.string().trim().min(1, 'must not be empty').optional(),
  JIRA_WEBHOOK_SECRET: z.string().min(1, 'must not be empty').optional(),
  LINEAR_API_KEY: z.string().trim().min(1, 'must not be empty').optional(),
  LINEAR_WEBHOOK_SECRET: z.string().min(1, 'must not be empty').optional(),
  LINEAR_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.linear.app/graphql'),
};

/** Jira Cloud as a follow-up tracker; the API token and the webhook secret are never logged. */
export interface JiraSettings {
  /** Without a trailing slash, e.g. https://acme.atlassian.net. */
  site: string;
  project: string;
  issueType: string;
  labels: string[];
  email: string;
  apiToken: string;
  /** Without it no webhook is accepted, so issues done in Jira are not marked done here. */
  webhookSecret: string | null;
}

/** GitHub Issues as a follow-up tracker; the token and the webhook secret are never logged. */
export interface GithubSettings {
  repository: string;
  labels: string[];
  token: string;
  /** Without it no webhook is accepted, so issues closed on GitHub are not marked done here. */
  webhookSecret: string | null;
  /** Without a trailing slash, e.g. https://api.github.com. */
  apiUrl: string;
}

/** Linear as a follow-up tracker; the API key and the webhook secret are never logged. */
export interface LinearSettings {
  teamId: string;
  apiKey: string;
  /** Without it no webhook is accepted, so issues completed in Linear are not marked done here. */
  webhookSecret: string | null;
  /** The GraphQL endpoint, e.g. https://api.linear.app/graphql. */
  apiUrl: string;
}

/** The configured tracker's settings; a tracker named without its credentials is refused through `refuse`. */
export function trackerSettings(
  file: FileConfig['trackers'],
  e: z.infer<z.ZodObject<typeof TrackerEnvironment>>,
  refuse: (message: string) => never,
): { github: GithubSettings | null; jira: JiraSettings | null; linear: LinearSettings | null } {
  if (file.github && !e.GITHUB_TOKEN)
    refuse(`environment: GITHUB_TOKEN is required with trackers.github (a token that may create issues in ${file.github.repository})`);
  if (file.jira && !(e.JIRA_EMAIL && e.JIRA_API_TOKEN))
    refuse(`environment: ${e.JIRA_EMAIL ? 'JIRA_API_TOKEN' : 'JIRA_EMAIL'} is required with trackers.jira (an Atlassian account's e-mail and API token)`);
  if (file.linear && !e.LINEAR_API_KEY)
    refuse('environment: LINEAR_API_KEY is required with trackers.linear (a personal API key that may create issues in the team)');
  return {
    linear:
      file.linear && e.LINEAR_API_KEY
        ? { ...file.linear, apiKey: e.LINEAR_API_KEY, webhookSecret: e.LINEAR_WEBHOOK_SECRET ?? null, apiUrl: e.LINEAR_API_URL }
        : null,
    github:
      file.github && e.GITHUB_TOKEN
        ? { ...file.github, token: e.GITHUB_TOKEN, webhookSecret: e.GITHUB_WEBHOOK_SECRET ?? null, apiUrl: e.GITHUB_API_URL.replace(/\/+$/, '') }
        : null,
    jira:
      file.jira && e.JIRA_EMAIL && e.JIRA_API_TOKEN
        ? {
            ...file.jira,
            site: file.jira.site.replace(/\/+$/, ''),
            email: e.JIRA_EMAIL,
            apiToken: e.JIRA_API_TOKEN,
            webhookSecret: e.JIRA_WEBHOOK_SECRET ?? null,
          }
        : null,
  };
}
