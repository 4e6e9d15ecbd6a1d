import { z } from 'zod';
import type { LinearSettings } from '../config-trackers.ts';
import { PermanentDeliveryError, RetryLaterError } from '../delivery/target.ts';
import { errorMessage } from '../domain/errors.ts';
import type { IssueTracker } from './tracker.ts';

/** What the description of a follow-up's issue carries, and no other issue's does (F1's is not part of F12's). */
const marker = (followUp: string) => `[crisisroom-follow-up: ${followUp}]`;
/** Without a reset time, a rate limit is waited out this long. */
const defaultRateLimitWaitMs = 60_000;

const Issue = z.object({ identifier: z.string().min(1), url: z.string().min(1) });
const Answer = z.object({
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string(), extensions: z.object({ code: z.string().optional() }).optional() })).optional(),
});
const Created = z.object({ issueCreate: z.object({ success: z.literal(true), issue: Issue }) });
const Found = z.object({ issues: z.object({ nodes: z.array(Issue) }) });

const createIssue = `mutation CreateFollowUp($input: IssueCreateInput!) {
  issueCreate(input: $input) { success issue { identifier url } }
}`;
const Team = z.object({ team: z.object({ key: z.string(), name: z.string() }) });
const readTeam = `query Team($id: String!) {
  team(id: $id) { key name }
}`;
const findIssue = `query FindFollowUp($filter: IssueFilter) {
  issues(filter: $filter, first: 1) { nodes { identifier url } }
}`;

/**
 * The failure a refused request is. Linear answers GraphQL errors with a code: RATELIMITED is
 * waited out until X-RateLimit-Requests-Reset (epoch milliseconds); a refused key or a refused
 * issue no retry can change; a server error is retried.
 */
function refusal(status: number, errors: z.infer<typeof Answer>['errors'], reset: string | null, what: string, now: Date): Error {
  const first = errors?.[0];
  const reason = first ? `: ${first.message.slice(0, 200)}` : '';
  const code = first?.extensions?.code;
  if (code === 'RATELIMITED') {
    const at = Number(reset);
    return new RetryLaterError(`Linear rate limit while ${what}${reason}`, at > 0 ? Math.max(at - now.getTime(), 0) : defaultRateLimitWaitMs);
  }
  if (status === 401 || code === 'AUTHENTICATION_ERROR') return new PermanentDeliveryError(`Linear refused LINEAR_API_KEY while ${what}${reason}`);
  if (status === 403 || code === 'FORBIDDEN') return new PermanentDeliveryError(`LINEAR_API_KEY may not create issues in the team${reason}`);
  if (status >= 500 || (status === 200 && !first)) return new Error(`Linear answered ${status} while ${what}${reason}`);
  return new PermanentDeliveryError(`Linear refused the request while ${what} (${status})${reason}`);
}

/** Linear through its GraphQL API (https://linear.app/developers/graphql), with the built-in fetch. */
export function linearIssues(settings: LinearSettings, now: () => Date, timeoutMs = 10_000): IssueTracker {
  async function call<T>(what: string, schema: z.ZodType<T>, query: string, variables: Record<string, unknown>): Promise<T> {
    let res: Response;
    try {
      res = await fetch(settings.apiUrl, {
        method: 'POST',
        // A personal API key goes in Authorization as it is, without "Bearer".
        headers: { authorization: settings.apiKey, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new Error(`Linear did not answer while ${what}: ${errorMessage(error)}`);
    }
    const answer = Answer.safeParse(await res.json().catch(() => null));
    const errors = answer.success ? answer.data.errors : undefined;
    if (!res.ok || errors?.length || !answer.success) throw refusal(res.status, errors, res.headers.get('x-ratelimit-requests-reset'), what, now());
    return schema.parse(answer.data.data);
  }

  return {
    kind: 'linear',
    titleLimit: 255,
    async create({ title, lines, followUp }) {
      const input = { teamId: settings.teamId, title, description: [...lines, marker(followUp)].join('\n\n') };
      return toIssue((await call('creating an issue', Created, createIssue, { input })).issueCreate.issue);
    },
    async check() {
      const { team } = await call('reading the team', Team, readTeam, { id: settings.teamId });
      return `team ${team.key} "${team.name}"`;
    },
    async find(followUp) {
      const filter = { team: { id: { eq: settings.teamId } }, description: { contains: marker(followUp) } };
      const [found] = (await call('looking for an issue created before', Found, findIssue, { filter })).issues.nodes;
      return found ? toIssue(found) : null;
    },
  };
}

const toIssue = (issue: z.infer<typeof Issue>) => ({ key: issue.identifier, url: issue.url });
