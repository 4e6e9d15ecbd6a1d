// A fake Jira Cloud REST API v3 (creating and searching issues) on 127.0.0.1: name `url` as
// trackers.jira.site. It checks what Atlassian documents of a request: Basic auth with the account's
// e-mail and API token, JSON in and out, an issue's fields (project key, issue type, summary of at
// most 255 characters, a description in Atlassian Document Format, labels without spaces); it keeps
// the issues, fails on request, and sends `jira:issue_updated` webhooks signed as Jira signs them for
// a webhook with a secret (X-Hub-Signature: sha256=HMAC-SHA256 of the raw body).
import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sendWebhook, startFakeApi } from '../tracker-api.ts';

interface StoredJiraIssue {
  key: string;
  summary: string;
  description: unknown;
  labels: string[];
  category: 'new' | 'done';
}

/** An error answer for the next request (a rate limit has its headers). */
type ErrorAnswer = { status: number; headers?: Record<string, string> };

const Paragraph = z.strictObject({ type: z.literal('paragraph'), content: z.array(z.strictObject({ type: z.literal('text'), text: z.string().min(1) })) });
const CreateIssue = z.strictObject({
  fields: z.strictObject({
    project: z.strictObject({ key: z.string() }),
    issuetype: z.strictObject({ name: z.string() }),
    summary: z
      .string()
      .min(1)
      .refine((summary) => [...summary].length <= 255, 'Summary must be less than 255 characters.'),
    description: z.strictObject({ type: z.literal('doc'), version: z.literal(1), content: z.array(Paragraph) }).optional(),
    labels: z.array(z.string().regex(/^\S+$/, 'Labels cannot contain spaces.')).optional(),
  }),
});
const SearchJql = z.strictObject({ jql: z.string().min(1), fields: z.array(z.string()).optional(), maxResults: z.number().int().positive().optional() });

export async function startFakeJira(options: { email: string; apiToken: string; project: string }) {
  const issues: StoredJiraIssue[] = [];
  const basic = `Basic ${Buffer.from(`${options.email}:${options.apiToken}`).toString('base64')}`;
  const errors = (status: number, errorMessages: string[], fieldErrors: Record<string, string> = {}): [number, unknown] => [
    status,
    { errorMessages, errors: fieldErrors },
  ];

  function handle(method: string, path: string, raw: string): [number, unknown] {
    const project = /^\/rest\/api\/3\/project\/([^/]+)$/.exec(path);
    if (method === 'GET' && project) {
      if (decodeURIComponent(project[1]!) !== options.project) return errors(404, [`No project could be found with key '${decodeURIComponent(project[1]!)}'.`]);
      return [200, { key: options.project, name: 'Operations', issueTypes: ['Task', 'Bug', 'Story'].map((name) => ({ name })) }];
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return errors(400, ['Unexpected character in the request body']);
    }
    if (method === 'POST' && path === '/rest/api/3/issue') {
      const parsed = CreateIssue.safeParse(json);
      if (!parsed.success) return errors(400, [], { [parsed.error.issues[0]!.path.join('.')]: parsed.error.issues[0]!.message });
      const { fields } = parsed.data;
      if (fields.project.key !== options.project) return errors(400, [], { project: 'valid project is required' });
      if (!['Task', 'Bug', 'Story'].includes(fields.issuetype.name)) return errors(400, [], { issuetype: 'valid issue type is required' });
      const key = `${options.project}-${issues.length + 1}`;
      issues.push({ key, summary: fields.summary, description: fields.description, labels: fields.labels ?? [], category: 'new' });
      return [201, { id: String(10000 + issues.length), key, self: `https://fake.atlassian.net/rest/api/3/issue/${10000 + issues.length}` }];
    }
    if (method === 'POST' && path === '/rest/api/3/search/jql') {
      const parsed = SearchJql.safeParse(json);
      const query = parsed.success ? /^project = "([^"]+)" AND labels = "([^"]+)"$/.exec(parsed.data.jql) : null;
      if (!parsed.success || !query) return errors(400, ['Error in the JQL Query']);
      const found = issues.filter((issue) => issue.key.startsWith(`${query[1]}-`) && issue.labels.includes(query[2]!));
      return [200, { issues: found.slice(0, parsed.data.maxResults ?? 50).map((issue) => ({ id: issue.key, key: issue.key })), isLast: true }];
    }
    return errors(404, ['Not found']);
  }

  const api = await startFakeApi<ErrorAnswer>((req, raw, failure) => {
    const refused: [number, unknown] | null =
      req.headers.authorization !== basic
        ? errors(401, ['Client must be authenticated to access this resource.'])
        : req.headers['content-type'] !== 'application/json' || req.headers.accept !== 'application/json'
          ? errors(415, ['Unsupported media type'])
          : null;
    const [status, body] = refused ?? (failure ? errors(failure.status, ['failing as asked']) : handle(req.method ?? '', req.url ?? '/', raw));
    return { status, body, headers: failure?.headers };
  });

  return {
    ...api,
    issues,
    /** Moves an issue into a status of that category and sends `jira:issue_updated` to `hook.url`, signed with `hook.secret`. */
    async moveTo(key: string, category: 'new' | 'done', hook: { url: string; secret: string; name?: string; delivery?: string; sign?: string }) {
      const issue = issues.find((candidate) => candidate.key === key);
      if (!issue) throw new Error(`no issue ${key}`);
      const from = issue.category;
      issue.category = category;
      const names = { new: 'To Do', done: 'Done' };
      const payload = JSON.stringify({
        timestamp: Date.now(),
        webhookEvent: 'jira:issue_updated',
        issue_event_type_name: 'issue_generic',
        user: { accountId: '5b10ac8d82e05b22cc7d4ef5', displayName: hook.name ?? 'Mia Krystof' },
        issue: { id: '10001', key, fields: { summary: issue.summary, status: { name: names[category], statusCategory: { key: category } } } },
        changelog: { id: '10100', items: [{ field: 'status', fieldtype: 'jira', fromString: names[from], toString: names[category] }] },
      });
      const signature = `sha256=${createHmac('sha256', hook.sign ?? hook.secret)
        .update(payload)
        .digest('hex')}`;
      const delivery = hook.delivery ?? randomUUID();
      return sendWebhook(hook.url, { 'x-atlassian-webhook-identifier': delivery, 'x-hub-signature': signature }, payload, delivery);
    },
  };
}
export type FakeJira = Awaited<ReturnType<typeof startFakeJira>>;
