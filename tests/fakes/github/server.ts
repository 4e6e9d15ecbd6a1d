// A fake GitHub REST API (issues only) on 127.0.0.1: point GITHUB_API_URL at `url`. It checks what
// GitHub documents of a request (https://docs.github.com/rest/issues/issues): a Bearer or token
// Authorization, Accept application/vnd.github+json, X-GitHub-Api-Version, a User-Agent, a JSON body
// whose title is a non-empty string; it keeps the issues, fails on request, and sends webhooks signed
// as GitHub signs them (X-Hub-Signature-256: HMAC-SHA256 of the raw body).
import { createHmac, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { sendWebhook, startFakeApi } from '../tracker-api.ts';

export interface StoredIssue {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  state: 'open' | 'closed';
  createdAt: Date;
}

/** An error answer for the next request (a rate limit has its headers). */
type ErrorAnswer = { status: number; headers?: Record<string, string> };

const CreateIssue = z.strictObject({
  // GitHub answers 422 "title is too long (maximum is 256 characters)".
  title: z
    .string()
    .min(1)
    .refine((title) => [...title].length <= 256, 'title is too long (maximum is 256 characters)'),
  body: z.string().optional(),
  labels: z.array(z.string().min(1)).optional(),
  assignees: z.array(z.string()).optional(),
});

export async function startFakeGithub(options: { token: string; repository: string; hasIssues?: boolean }) {
  const issues: StoredIssue[] = [];

  const issueJson = (issue: StoredIssue) => ({
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    labels: issue.labels.map((name) => ({ name })),
    html_url: `https://github.com/${options.repository}/issues/${issue.number}`,
    created_at: issue.createdAt.toISOString(),
    updated_at: issue.createdAt.toISOString(),
  });

  function refusal(req: IncomingMessage): [number, string] | null {
    const auth = req.headers.authorization ?? '';
    if (auth !== `Bearer ${options.token}` && auth !== `token ${options.token}`) return [401, 'Bad credentials'];
    if (req.headers.accept !== 'application/vnd.github+json') return [415, 'Accept must be application/vnd.github+json'];
    if (req.headers['x-github-api-version'] !== '2022-11-28') return [400, 'X-GitHub-Api-Version must be a supported version'];
    if (!req.headers['user-agent']) return [403, 'Requests need a User-Agent'];
    return null;
  }

  function handle(method: string, url: URL, raw: string): [number, unknown] {
    if (method === 'GET' && url.pathname === `/repos/${options.repository}`)
      return [200, { full_name: options.repository, private: true, has_issues: options.hasIssues ?? true }];
    const prefix = `/repos/${options.repository}/issues`;
    if (url.pathname !== prefix) return [404, { message: 'Not Found' }];
    if (method === 'POST') {
      let parsed: z.ZodSafeParseResult<z.infer<typeof CreateIssue>>;
      try {
        parsed = CreateIssue.safeParse(JSON.parse(raw));
      } catch {
        return [400, { message: 'Problems parsing JSON' }];
      }
      if (!parsed.success) return [422, { message: 'Validation Failed', errors: parsed.error.issues }];
      const issue: StoredIssue = {
        number: issues.length + 1,
        title: parsed.data.title,
        body: parsed.data.body ?? null,
        labels: parsed.data.labels ?? [],
        state: 'open',
        createdAt: new Date(),
      };
      issues.push(issue);
      return [201, issueJson(issue)];
    }
    if (method === 'GET') {
      const q = url.searchParams;
      const since = q.get('since');
      if (!['open', 'closed', 'all', null].includes(q.get('state')) || (since !== null && Number.isNaN(Date.parse(since))))
        return [422, { message: 'Validation Failed' }];
      const perPage = Math.min(Number(q.get('per_page') ?? 30), 100);
      const page = Number(q.get('page') ?? 1);
      const matching = issues
        .filter((issue) => (q.get('state') ?? 'open') === 'all' || issue.state === (q.get('state') ?? 'open'))
        .filter((issue) => since === null || issue.createdAt.getTime() >= Date.parse(since))
        .sort((a, b) => (q.get('direction') === 'asc' ? a.number - b.number : b.number - a.number));
      return [200, matching.slice((page - 1) * perPage, page * perPage).map(issueJson)];
    }
    return [404, { message: 'Not Found' }];
  }

  const api = await startFakeApi<ErrorAnswer>((req, raw, failure) => {
    const refused = refusal(req);
    const [status, body] = refused
      ? [refused[0], { message: refused[1] }]
      : failure
        ? [failure.status, { message: 'failing as asked' }]
        : handle(req.method ?? '', new URL(req.url ?? '/', 'http://fake'), raw);
    return { status, body, headers: failure?.headers };
  });

  return {
    ...api,
    issues,
    /** Closes (or reopens) an issue on "GitHub" and sends its `issues` webhook to `hookUrl`, signed with `secret`. */
    async setState(number: number, state: 'open' | 'closed', hook: { url: string; secret: string; login?: string; delivery?: string; sign?: string }) {
      const issue = issues.find((candidate) => candidate.number === number);
      if (!issue) throw new Error(`no issue #${number}`);
      issue.state = state;
      const payload = JSON.stringify({
        action: state === 'closed' ? 'closed' : 'reopened',
        issue: issueJson(issue),
        repository: { full_name: options.repository },
        sender: { login: hook.login ?? 'octocat' },
      });
      const signature = `sha256=${createHmac('sha256', hook.sign ?? hook.secret)
        .update(payload)
        .digest('hex')}`;
      const delivery = hook.delivery ?? randomUUID();
      return sendWebhook(hook.url, { 'x-github-event': 'issues', 'x-github-delivery': delivery, 'x-hub-signature-256': signature }, payload, delivery);
    },
  };
}
export type FakeGithub = Awaited<ReturnType<typeof startFakeGithub>>;
