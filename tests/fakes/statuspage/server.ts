// A fake Atlassian Statuspage manage API (v1) on 127.0.0.1: point STATUSPAGE_API_URL at `url`, then
// read back what "Statuspage" holds. It checks `Authorization: OAuth <key>`, validates bodies as the
// API does, enforces a per-key rate limit with 420/429, and fails on request.
import { text } from 'node:stream/consumers';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { z } from 'zod';
import { FakePage, type StoredComponent, type StoredIncident, Unprocessable } from './page.ts';
import { CreateIncident, PublishPostmortem, PutPostmortem, UpdateIncident, firstProblem } from './validation.ts';

export interface FakeStatuspageOptions {
  apiKey: string;
  pageId: string;
  /** The page's name, as GET /pages/{page_id} answers it; default "Fake Status". */
  pageName?: string;
  components: { name: string; group?: string }[];
  /** At most `requests` in any `windowMs` per key (the real API: 60 in 60 s); then `status`. */
  rateLimit?: { requests: number; windowMs: number; status?: 420 | 429; retryAfterSeconds?: number };
}

/** A failure for the next matching request: an error answer, or the work done and the answer lost. */
type Failure = { status: number; retryAfter?: number; message?: string } | { drop: true };

interface RecordedRequest {
  method: string;
  path: string;
  body: unknown;
  status: number | 'dropped';
}

export interface FakeStatuspage {
  /** The API base, ending in /v1. */
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  incidents(): StoredIncident[];
  component(name: string): StoredComponent | undefined;
  /** Queues a failure for the next request whose "METHOD /path" matches (every request when omitted). */
  failNext(failure: Failure, match?: RegExp): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const error = (status: number, message: string): Reply => ({ status, body: { message } });
const notFound = () => error(404, 'The requested resource could not be found.');

export async function startFakeStatuspage(options: FakeStatuspageOptions): Promise<FakeStatuspage> {
  const page = new FakePage(options.components);
  const requests: RecordedRequest[] = [];
  const failures: { failure: Failure; match?: RegExp }[] = [];
  const seen = new Map<string, number[]>();

  function rateLimited(key: string): Reply | null {
    const limit = options.rateLimit;
    if (!limit) return null;
    const now = performance.now();
    const recent = (seen.get(key) ?? []).filter((at) => now - at < limit.windowMs);
    recent.push(now);
    seen.set(key, recent);
    if (recent.length <= limit.requests) return null;
    const headers: Record<string, string> = limit.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(limit.retryAfterSeconds) };
    return { ...error(limit.status ?? 429, 'Rate limit exceeded'), headers };
  }

  function parse<T>(schema: z.ZodType<T>, body: unknown): T {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new Unprocessable(firstProblem(parsed.error));
    return parsed.data;
  }

  function handle(method: string, parts: string[], query: URLSearchParams, body: unknown): Reply {
    const [, pageId, collection, id, sub, action] = parts;
    if (parts[0] !== 'pages' || pageId !== options.pageId) return notFound();
    if (!collection && method === 'GET') return { status: 200, body: { id: options.pageId, name: options.pageName ?? 'Fake Status' } };
    if (collection === 'components' && !id && method === 'GET') {
      const perPage = Math.min(100, Number(query.get('per_page') ?? 100));
      const from = (Number(query.get('page') ?? 1) - 1) * perPage;
      return { status: 200, body: page.components.slice(from, from + perPage) };
    }
    if (collection !== 'incidents') return notFound();
    if (!id || id === 'unresolved') {
      if (method === 'POST' && !id) {
        return { status: 201, body: page.view(page.create(parse(CreateIncident, body).incident)) };
      }
      if (method !== 'GET') return notFound();
      const limit = Math.min(100, Number(query.get('limit') ?? query.get('per_page') ?? 100));
      const from = (Number(query.get('page') ?? 1) - 1) * limit;
      const listed = id ? page.incidents.filter((i) => i.status !== 'resolved') : page.incidents;
      return { status: 200, body: listed.slice(from, from + limit).map((i) => page.view(i)) };
    }
    const incident = page.incident(id);
    if (!incident) return notFound();
    if (!sub) {
      if (method === 'GET') return { status: 200, body: page.view(incident) };
      if (method !== 'PATCH' && method !== 'PUT') return notFound();
      return { status: 200, body: page.view(page.update(incident, parse(UpdateIncident, body).incident)) };
    }
    if (sub !== 'postmortem') return notFound();
    if (!action && method === 'GET') return incident.postmortem.body_draft === null ? notFound() : { status: 200, body: incident.postmortem };
    if (!action && method === 'PUT') {
      incident.postmortem.body_draft = parse(PutPostmortem, body).postmortem.body_draft;
      return { status: 200, body: incident.postmortem };
    }
    if (action === 'publish' && method === 'PUT') {
      const input = parse(PublishPostmortem, body);
      if (incident.postmortem.body_draft === null) return error(400, 'The postmortem has no draft to publish');
      Object.assign(incident.postmortem, {
        body: incident.postmortem.body_draft,
        published_at: new Date().toISOString(),
        notify_subscribers: input.postmortem?.notify_subscribers ?? false,
      });
      return { status: 200, body: incident.postmortem };
    }
    return notFound();
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const raw = await text(req);
    const record: RecordedRequest = { method, path: url.pathname.replace(/^\/v1/, '') + url.search, body: null, status: 0 };
    requests.push(record);
    const send = (reply: Reply) => {
      record.status = reply.status;
      res.writeHead(reply.status, { 'Content-Type': 'application/json; charset=utf-8', ...reply.headers });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    };
    const key = /^OAuth (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const limited = rateLimited(key);
    if (limited) return send(limited);
    const queued = failures.findIndex((f) => !f.match || f.match.test(`${method} ${record.path}`));
    const failure = queued >= 0 ? failures.splice(queued, 1)[0]!.failure : undefined;
    if (failure && 'status' in failure) {
      return send({
        ...error(failure.status, failure.message ?? 'Something went wrong'),
        headers: failure.retryAfter === undefined ? {} : { 'Retry-After': String(failure.retryAfter) },
      });
    }
    if (key !== options.apiKey) return send(error(401, 'Could not authenticate'));
    if (!url.pathname.startsWith('/v1/')) return send(notFound());
    if (raw && !(req.headers['content-type'] ?? '').startsWith('application/json')) return send(error(400, 'Content-Type must match the body'));
    try {
      record.body = raw ? JSON.parse(raw) : null;
    } catch {
      return send(error(400, 'The body is not valid JSON'));
    }
    let reply: Reply;
    try {
      reply = handle(method, url.pathname.slice('/v1/'.length).split('/').map(decodeURIComponent), url.searchParams, record.body);
    } catch (problem) {
      if (!(problem instanceof Unprocessable)) throw problem;
      reply = error(422, problem.message);
    }
    if (failure) {
      record.status = 'dropped';
      res.socket?.destroy();
      return;
    }
    send(reply);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((problem: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(problem)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    incidents: () => structuredClone(page.incidents),
    component: (name) => structuredClone(page.components.find((c) => c.name === name)),
    failNext: (failure, match) => void failures.push({ failure, ...(match ? { match } : {}) }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
