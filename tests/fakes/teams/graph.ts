import { randomBytes } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeTeamMember {
  userId: string;
  displayName: string;
}

/**
 * A fake Microsoft Graph, as much of it as crisisroom uses: channels of a team and its members.
 * It takes only app tokens the fake token endpoint issued for Graph's audience (the scope
 * "<graph>/.default"), answers 403 as Graph does when the team's owner has not consented, 409 for a
 * channel name the team already has, and can be told to answer 429 with Retry-After.
 */
export async function startFakeGraph(options: { teamId: string; members: FakeTeamMember[]; audienceOf: (token: string) => string | undefined; pageSize?: number }) {
  const channels: { id: string; displayName: string; description: string; membershipType: string }[] = [];
  const requests: { method: string; path: string; status: number }[] = [];
  const failures: { status: number; retryAfter?: string }[] = [];
  let consented = true;
  let url = '';

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) =>
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  const error = (res: ServerResponse, status: number, code: string, message: string, headers: Record<string, string> = {}) =>
    json(res, status, { error: { code, message, innerError: { date: '2021-09-15T13:50:00', 'request-id': randomBytes(8).toString('hex') } } }, headers);
  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  };

  async function handle(req: IncomingMessage, res: ServerResponse, status: (code: number) => void) {
    const target = new URL(req.url ?? '/', url);
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || options.audienceOf(bearer) !== url) {
      status(401);
      return error(res, 401, 'InvalidAuthenticationToken', 'Access token validation failure. Invalid audience.');
    }
    const failure = failures.shift();
    if (failure) {
      status(failure.status);
      return error(res, failure.status, 'TooManyRequests', 'Too many requests.', failure.retryAfter ? { 'retry-after': failure.retryAfter } : {});
    }
    const team = /^\/v1\.0\/teams\/([^/]+)\/(channels|members)$/.exec(target.pathname);
    if (!team || decodeURIComponent(team[1]!) !== options.teamId) {
      status(404);
      return error(res, 404, 'NotFound', `No team found with Group Id ${team?.[1] ?? '(none)'}`);
    }
    if (!consented) {
      status(403);
      return error(res, 403, 'Forbidden', "Missing role permissions on the request. API requires one of 'Channel.Create.Group, Channel.Create'.");
    }
    if (team[2] === 'members' && req.method === 'GET') {
      const size = options.pageSize ?? 2;
      const start = Number(target.searchParams.get('$skiptoken') ?? 0);
      const page = options.members.slice(start, start + size).map((m) => ({ '@odata.type': '#microsoft.graph.aadUserConversationMember', ...m, roles: [] }));
      const next = start + size < options.members.length ? { '@odata.nextLink': `${url}${target.pathname}?$skiptoken=${start + size}` } : {};
      status(200);
      return json(res, 200, { value: page, ...next });
    }
    if (team[2] === 'channels' && req.method === 'POST') {
      const body = JSON.parse(await readBody(req)) as { displayName?: string; description?: string; membershipType?: string };
      const name = body.displayName ?? '';
      if (!name || name.length > 50 || /[~#%&*{}+/\\:<>?|'",]|\.\./.test(name)) {
        status(400);
        return error(res, 400, 'BadRequest', `Invalid channel display name "${name}".`);
      }
      if (channels.some((c) => c.displayName.toLowerCase() === name.toLowerCase())) {
        status(409);
        return error(res, 409, 'NameAlreadyExists', 'Channel name already existed, please use other name.');
      }
      const channel = { id: `19:${randomBytes(16).toString('hex')}@thread.tacv2`, displayName: name, description: body.description ?? '', membershipType: body.membershipType ?? 'standard' };
      channels.push(channel);
      status(201);
      return json(res, 201, { ...channel, webUrl: `https://teams.microsoft.com/l/channel/${encodeURIComponent(channel.id)}` });
    }
    status(405);
    return error(res, 405, 'MethodNotAllowed', `${req.method} ${target.pathname}`);
  }

  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    handle(req, res, (code) => requests.push({ method: req.method ?? '', path, status: code })).catch((e: unknown) => error(res, 500, 'InternalServerError', String(e)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** GRAPH_API_URL; the scope of its tokens is "<url>/.default". */
    url,
    channels,
    requests,
    /** A channel the team already has (so a new one of that name conflicts). */
    addChannel: (displayName: string) => channels.push({ id: `19:${randomBytes(16).toString('hex')}@thread.tacv2`, displayName, description: '', membershipType: 'standard' }),
    /** Whether the team's owner granted the app's resource-specific permissions. */
    setConsent: (granted: boolean) => {
      consented = granted;
    },
    failNext: (...next: { status: number; retryAfter?: string }[]) => failures.push(...next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type FakeGraph = Awaited<ReturnType<typeof startFakeGraph>>;
