import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';

export type Readiness = { ready: true } | { ready: false; reason: string };
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

export interface HttpServerOptions {
  /** Tried in order; each answers the requests it owns and returns false for the others. */
  routes: RouteHandler[];
  readiness(): Promise<Readiness>;
  log(message: string, error?: unknown): void;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * The one HTTP server of a crisisroom process: health probes plus whatever the adapters route
 * (status page, and later Slack and Teams endpoints).
 */
export function createHttpServer({ routes, readiness, log }: HttpServerOptions): Server {
  return createServer(async (req, res) => {
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (path === '/readyz') {
        const state = await readiness();
        return sendJson(res, state.ready ? 200 : 503, state.ready ? { status: 'ready' } : { status: 'not ready', reason: state.reason });
      }
      for (const route of routes) if (await route(req, res)) return;
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found\n');
    } catch (error) {
      log(`request ${req.method} ${req.url} failed`, error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Internal error\n');
    }
  });
}

/** Ready when the database answers in time and the clock may be trusted. */
export async function checkReadiness(ping: () => Promise<void>, trust: () => { trusted: true } | { trusted: false; reason: string }): Promise<Readiness> {
  const clock = trust();
  if (!clock.trusted) return { ready: false, reason: `clock not trusted: ${clock.reason}` };
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      ping(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('no answer within 2 s')), 2000);
      }),
    ]);
    return { ready: true };
  } catch (error) {
    return { ready: false, reason: `database unreachable: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    clearTimeout(timer);
  }
}
