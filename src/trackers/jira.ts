import { z } from 'zod';
import type { JiraSettings } from '../config-trackers.ts';
import { retryAfterMs } from '../delivery/retry-after.ts';
import { PermanentDeliveryError, RetryLaterError } from '../delivery/target.ts';
import { errorMessage } from '../domain/errors.ts';
import type { IssueTracker } from './tracker.ts';

/** The label that marks a follow-up's issue: labels are what JQL finds exactly. */
const markerLabel = (followUp: string) => `crisisroom-${followUp}`;
/** How long JQL search may take to find an issue just created (it searches an index kept up asynchronously). */
const searchLagMs = 30_000;
/** Without a Retry-After, a rate limit is waited out this long. */
const defaultRateLimitWaitMs = 60_000;

const Created = z.object({ key: z.string().min(1) });
const Found = z.object({ issues: z.array(z.object({ key: z.string().min(1) })) });
const Project = z.object({ key: z.string(), name: z.string(), issueTypes: z.array(z.object({ name: z.string() })).default([]) });

/** Why Jira refused ({"errorMessages": […], "errors": {field: message}}), without anything of the request. */
async function refusalMessage(res: Response): Promise<string> {
  const parsed = z
    .object({ errorMessages: z.array(z.string()).default([]), errors: z.record(z.string(), z.string()).default({}) })
    .safeParse(await res.json().catch(() => null));
  if (!parsed.success) return '';
  const said = [...parsed.data.errorMessages, ...Object.entries(parsed.data.errors).map(([field, message]) => `${field}: ${message}`)];
  return said.length > 0 ? `: ${said.join('; ').slice(0, 200)}` : '';
}

/** A rate limit (429) is waited out; a refusal of the credentials, the project or the issue no retry can change; the rest is retried. */
async function refusal(res: Response, what: string, settings: JiraSettings, now: Date): Promise<Error> {
  const reason = await refusalMessage(res);
  if (res.status === 429)
    return new RetryLaterError(
      `Jira rate limit while ${what}${reason}`,
      retryAfterMs(res.headers.get('retry-after') ?? undefined, now) ?? defaultRateLimitWaitMs,
    );
  if (res.status === 401) return new PermanentDeliveryError(`Jira refused JIRA_EMAIL and JIRA_API_TOKEN while ${what} (401)${reason}`);
  if (res.status === 403) return new PermanentDeliveryError(`the Jira account may not create issues in ${settings.project} (403)${reason}`);
  if (res.status === 404) return new PermanentDeliveryError(`${settings.site} has no project ${settings.project}, or the account cannot see it (404)${reason}`);
  if (res.status === 400) return new PermanentDeliveryError(`Jira refused the issue (400)${reason}`);
  return new Error(`Jira answered ${res.status} while ${what}${reason}`);
}

/** One Atlassian Document Format paragraph per line: the description's format in REST API v3. */
const document = (lines: string[]) => ({
  type: 'doc',
  version: 1,
  content: lines.map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
});

/** Jira Cloud through its REST API v3 (https://developer.atlassian.com/cloud/jira/platform/rest/v3/), with the built-in fetch. */
export function jiraIssues(settings: JiraSettings, now: () => Date, timeoutMs = 10_000): IssueTracker {
  const headers = {
    authorization: `Basic ${Buffer.from(`${settings.email}:${settings.apiToken}`).toString('base64')}`,
    accept: 'application/json',
    'content-type': 'application/json',
  };

  /** POSTs `body`, or GETs without one. */
  async function call(what: string, path: string, body?: unknown): Promise<unknown> {
    let res: Response;
    try {
      const sent = body === undefined ? { method: 'GET' } : { method: 'POST', body: JSON.stringify(body) };
      res = await fetch(`${settings.site}${path}`, { ...sent, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      // The issue may have been created all the same: the retry searches for it once the search has caught up.
      throw new RetryLaterError(`Jira did not answer while ${what}: ${errorMessage(error)}`, searchLagMs);
    }
    if (!res.ok) throw await refusal(res, what, settings, now());
    return res.json();
  }
  const issueOf = (key: string) => ({ key, url: `${settings.site}/browse/${key}` });

  return {
    kind: 'jira',
    titleLimit: 255,
    async create({ title, lines, followUp }) {
      const fields = {
        project: { key: settings.project },
        issuetype: { name: settings.issueType },
        summary: title,
        description: document(lines),
        labels: [...settings.labels, markerLabel(followUp)],
      };
      return issueOf(Created.parse(await call('creating an issue', '/rest/api/3/issue', { fields })).key);
    },
    async check() {
      const project = Project.parse(await call('reading the project', `/rest/api/3/project/${encodeURIComponent(settings.project)}`));
      const types = project.issueTypes.map((type) => type.name);
      if (!types.includes(settings.issueType))
        throw new PermanentDeliveryError(`project ${project.key} has no issue type "${settings.issueType}" (it has ${types.join(', ') || 'none'})`);
      return `project ${project.key} "${project.name}", issue type ${settings.issueType}`;
    },
    async find(followUp) {
      // The label is the follow-up's alone, so no date is needed to narrow the search.
      const jql = `project = "${settings.project}" AND labels = "${markerLabel(followUp)}"`;
      const found = Found.parse(await call('looking for an issue created before', '/rest/api/3/search/jql', { jql, fields: ['summary'], maxResults: 1 }));
      return found.issues[0] ? issueOf(found.issues[0].key) : null;
    },
  };
}
