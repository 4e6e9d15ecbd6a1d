// A fake Linear GraphQL API (creating and finding issues) on 127.0.0.1: point LINEAR_API_URL at
// `url`. It checks what Linear documents of a request: the personal API key as the Authorization
// header (no "Bearer"), a JSON body of `query` and `variables`, an issue's input (the team's id, a
// title); it answers errors as Linear does (a code in `extensions`, RATELIMITED with
// X-RateLimit-Requests-Reset), keeps the issues, fails on request, and sends Issue webhooks signed as
// Linear signs them (Linear-Signature: the hex HMAC-SHA256 of the raw body).
import { createHmac, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { sendWebhook, startFakeApi } from '../tracker-api.ts';

interface StoredLinearIssue {
  identifier: string;
  title: string;
  description: string;
  state: 'unstarted' | 'completed';
}

/** An error answer for the next request, or Linear's rate limit until that instant (ms). */
type ErrorAnswer = { status: number } | { rateLimitedUntil: number };

const Request = z.strictObject({ query: z.string(), variables: z.record(z.string(), z.unknown()).optional(), operationName: z.string().optional() });
const CreateInput = z.strictObject({
  input: z.strictObject({ teamId: z.uuid(), title: z.string().min(1).max(255), description: z.string().optional() }),
});
const FindInput = z.strictObject({
  filter: z.strictObject({ team: z.strictObject({ id: z.strictObject({ eq: z.uuid() }) }), description: z.strictObject({ contains: z.string() }) }),
});

export async function startFakeLinear(options: { apiKey: string; teamId: string; teamKey: string }) {
  const issues: StoredLinearIssue[] = [];
  const error = (status: number, code: string, message: string): [number, unknown] => [status, { errors: [{ message, extensions: { code } }] }];
  const node = (issue: StoredLinearIssue) => ({ identifier: issue.identifier, url: `https://linear.app/acme/issue/${issue.identifier.toLowerCase()}` });

  function handle(raw: string): [string, [number, unknown]] {
    let parsed: z.ZodSafeParseResult<z.infer<typeof Request>>;
    try {
      parsed = Request.safeParse(JSON.parse(raw));
    } catch {
      return ['?', error(400, 'BAD_USER_INPUT', 'Body is not JSON')];
    }
    if (!parsed.success) return ['?', error(400, 'BAD_USER_INPUT', 'Expected { query, variables }')];
    const { query, variables } = parsed.data;
    if (/^mutation \w+\(\$input: IssueCreateInput!\) \{\s*issueCreate\(input: \$input\) \{ success issue \{ identifier url \} \}\s*\}$/.test(query)) {
      const input = CreateInput.safeParse(variables);
      if (!input.success) return ['issueCreate', error(400, 'INVALID_INPUT', `Argument Validation Error: ${input.error.issues[0]!.path.join('.')}`)];
      if (input.data.input.teamId !== options.teamId) return ['issueCreate', error(400, 'INVALID_INPUT', 'Entity not found: Team')];
      const issue: StoredLinearIssue = {
        identifier: `${options.teamKey}-${issues.length + 1}`,
        title: input.data.input.title,
        description: input.data.input.description ?? '',
        state: 'unstarted',
      };
      issues.push(issue);
      return ['issueCreate', [200, { data: { issueCreate: { success: true, issue: node(issue) } } }]];
    }
    if (/^query \w+\(\$filter: IssueFilter\) \{\s*issues\(filter: \$filter, first: 1\) \{ nodes \{ identifier url \} \}\s*\}$/.test(query)) {
      const find = FindInput.safeParse(variables);
      if (!find.success) return ['issues', error(400, 'INVALID_INPUT', 'Argument Validation Error: filter')];
      const found =
        find.data.filter.team.id.eq === options.teamId ? issues.filter((issue) => issue.description.includes(find.data.filter.description.contains)) : [];
      return ['issues', [200, { data: { issues: { nodes: found.slice(0, 1).map(node) } } }]];
    }
    if (/^query \w+\(\$id: String!\) \{\s*team\(id: \$id\) \{ key name \}\s*\}$/.test(query)) {
      if (variables?.id !== options.teamId) return ['team', error(400, 'INVALID_INPUT', 'Entity not found: Team')];
      return ['team', [200, { data: { team: { key: options.teamKey, name: 'Engineering' } } }]];
    }
    return ['?', error(400, 'GRAPHQL_VALIDATION_FAILED', 'Unknown operation')];
  }

  const api = await startFakeApi<ErrorAnswer>((req, raw, failure) => {
    const headers: Record<string, string> = {};
    let refused: [number, unknown] | null = null;
    if (req.headers.authorization !== options.apiKey || req.headers['content-type'] !== 'application/json')
      refused = error(400, 'AUTHENTICATION_ERROR', 'Authentication required, not authenticated');
    else if (failure && 'status' in failure) refused = error(failure.status, 'INTERNAL_SERVER_ERROR', 'failing as asked');
    else if (failure) {
      refused = error(400, 'RATELIMITED', 'Rate limit exceeded');
      headers['x-ratelimit-requests-reset'] = String(failure.rateLimitedUntil);
    }
    const [operation, [status, body]] = refused ? ['?', refused] : handle(raw);
    return { status, body, headers, operation };
  });

  return {
    ...api,
    url: `${api.url}/graphql`,
    issues,
    /** Moves an issue to a state of that type and sends its Issue `update` webhook to `hook.url`, signed with `hook.secret`. */
    async moveTo(identifier: string, state: 'unstarted' | 'completed', hook: { url: string; secret: string; at: Date; delivery?: string; sign?: string }) {
      const issue = issues.find((candidate) => candidate.identifier === identifier);
      if (!issue) throw new Error(`no issue ${identifier}`);
      issue.state = state;
      const payload = JSON.stringify({
        action: 'update',
        type: 'Issue',
        createdAt: hook.at.toISOString(),
        actor: { id: 'b5ea1d3e-3e07-4a2a-9a4d-0b6a2b4a1f10', type: 'user', name: 'Ada Lovelace' },
        data: { id: randomUUID(), identifier, title: issue.title, state: { id: randomUUID(), name: state === 'completed' ? 'Done' : 'Todo', type: state } },
        updatedFrom: { stateId: randomUUID(), updatedAt: hook.at.toISOString() },
        url: node(issue).url,
        webhookTimestamp: hook.at.getTime(),
      });
      const delivery = hook.delivery ?? randomUUID();
      const signature = createHmac('sha256', hook.sign ?? hook.secret)
        .update(payload)
        .digest('hex');
      return sendWebhook(
        hook.url,
        { 'content-type': 'application/json; charset=utf-8', 'linear-delivery': delivery, 'linear-event': 'Issue', 'linear-signature': signature },
        payload,
        delivery,
      );
    },
  };
}
export type FakeLinear = Awaited<ReturnType<typeof startFakeLinear>>;
