import { z } from 'zod';
import type { GithubSettings } from '../config-trackers.ts';
import { retryAfterMs } from '../delivery/retry-after.ts';
import { PermanentDeliveryError, RetryLaterError } from '../delivery/target.ts';
import { errorMessage } from '../domain/errors.ts';
import type { IssueTracker, TrackerIssue } from './tracker.ts';

const Issue = z.object({
  number: z.number().int().positive(),
  html_url: z.string(),
  body: z.string().nullish(),
  // The issues list holds pull requests too; they are never a follow-up's issue.
  pull_request: z.unknown().optional(),
});

const Repository = z.object({ full_name: z.string(), has_issues: z.boolean() });

/** What the body of a follow-up's issue carries, and no other issue's does (F1's is not part of F12's). */
const marker = (followUp: string) => `<!-- crisisroom-follow-up: ${followUp} -->`;

/** The version of the REST API whose request and answer shapes this client follows. */
const apiVersion = '2022-11-28';
/** Pages of 100 issues looked through for a marker: a retry comes minutes after creating, not weeks. */
const pagesSearched = 10;
/** Without a retry-after or a reset time, a rate limit is waited out this long. */
const defaultRateLimitWaitMs = 60_000;

/** Why GitHub refused, as its error body says ({"message": …}), without anything of the request. */
async function refusalMessage(res: Response): Promise<string> {
  const parsed = z.object({ message: z.string() }).safeParse(await res.json().catch(() => null));
  return parsed.success ? `: ${parsed.data.message.slice(0, 200)}` : '';
}

/**
 * The failure a refused request is: a rate limit (429, or 403 with no requests left or a retry-after,
 * as GitHub documents its primary and secondary limits) is waited out; a refusal of the token or the
 * repository, or of the issue itself, no retry can change; anything else is retried with backoff.
 */
async function refusal(res: Response, what: string, repository: string, now: Date): Promise<Error> {
  const reason = await refusalMessage(res);
  const limited = res.status === 429 || (res.status === 403 && (res.headers.get('x-ratelimit-remaining') === '0' || res.headers.has('retry-after')));
  if (limited) {
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    const untilReset = Number.isFinite(reset) && reset > 0 ? Math.max(reset * 1000 - now.getTime(), 0) : null;
    const wait = retryAfterMs(res.headers.get('retry-after') ?? undefined, now) ?? untilReset ?? defaultRateLimitWaitMs;
    return new RetryLaterError(`GitHub rate limit while ${what} (${res.status})${reason}`, wait);
  }
  if (res.status === 401) return new PermanentDeliveryError(`GitHub refused GITHUB_TOKEN while ${what} (401)${reason}`);
  if (res.status === 403) return new PermanentDeliveryError(`GITHUB_TOKEN may not create issues in ${repository} (403)${reason}`);
  if (res.status === 404) return new PermanentDeliveryError(`GitHub has no repository ${repository}, or GITHUB_TOKEN cannot see it (404)${reason}`);
  if (res.status === 410) return new PermanentDeliveryError(`issues are turned off in ${repository} (410)${reason}`);
  if (res.status === 422) return new PermanentDeliveryError(`GitHub refused the issue (422)${reason}`);
  return new Error(`GitHub answered ${res.status} while ${what}${reason}`);
}

/** GitHub Issues through its REST API (https://docs.github.com/rest/issues/issues), with the built-in fetch. */
export function githubIssues(settings: GithubSettings, now: () => Date, timeoutMs = 10_000): IssueTracker {
  const repoPath = `${settings.apiUrl}/repos/${settings.repository}`;
  const headers = {
    authorization: `Bearer ${settings.token}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': apiVersion,
    'user-agent': 'crisisroom',
  };
  const issueOf = (issue: z.infer<typeof Issue>): TrackerIssue => ({ key: `${settings.repository}#${issue.number}`, url: issue.html_url });

  async function call(what: string, url: string, init: RequestInit = {}): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, headers: { ...headers, ...init.headers }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new Error(`GitHub did not answer while ${what}: ${errorMessage(error)}`);
    }
    if (!res.ok) throw await refusal(res, what, settings.repository, now());
    return res.json();
  }

  return {
    kind: 'github',
    titleLimit: 256,
    async create({ title, lines, followUp }) {
      // The marker is an HTML comment: GitHub shows the body without it.
      const body = [...lines, marker(followUp)].join('\n\n');
      const created = await call('creating an issue', `${repoPath}/issues`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title, body, ...(settings.labels.length > 0 ? { labels: settings.labels } : {}) }),
      });
      return issueOf(Issue.parse(created));
    },
    async check() {
      const repository = Repository.parse(await call('reading the repository', repoPath));
      if (!repository.has_issues) throw new PermanentDeliveryError(`issues are turned off in ${repository.full_name}`);
      return `repository ${repository.full_name}, issues on`;
    },
    async find(followUp, since) {
      // The issues list, not the search API: search is indexed with a delay, and the issue looked
      // for is the one a request moments ago may have created.
      for (let page = 1; page <= pagesSearched; page++) {
        const query = new URLSearchParams({
          state: 'all',
          sort: 'created',
          direction: 'desc',
          since: since.toISOString(),
          per_page: '100',
          page: String(page),
        });
        const issues = z.array(Issue).parse(await call('looking for an issue created before', `${repoPath}/issues?${query}`));
        const found = issues.find((issue) => issue.pull_request === undefined && issue.body?.includes(marker(followUp)));
        if (found) return issueOf(found);
        if (issues.length < 100) return null;
      }
      return null;
    },
  };
}
