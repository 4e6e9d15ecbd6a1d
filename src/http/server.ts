import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { errorMessage } from '../domain/errors.ts';

export type Readiness = { ready: true } | { ready: false; reason: string };
type RouteHandler = (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;

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
  const fail = (req: IncomingMessage, res: ServerResponse, error: unknown) => {
    log(`request ${req.method} ${req.url} failed`, error);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Internal error\n');
  };
  const notFound = (res: ServerResponse) => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Not found\n');
  };

  /** Tries the routes in order; stays synchronous until a route answers with a promise (the hot path never does). */
  function route(req: IncomingMessage, res: ServerResponse, from: number): void {
    for (let i = from; i < routes.length; i++) {
      const answered = routes[i]!(req, res);
      if (answered === true) return;
      if (answered !== false) {
        answered.then((done) => (done ? undefined : route(req, res, i + 1))).catch((error: unknown) => fail(req, res, error));
        return;
      }
    }
    notFound(res);
  }

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === '/healthz') return sendJson(res, 200, { status: 'ok' });
    if (path === '/readyz') {
      readiness()
        .then((state) => sendJson(res, state.ready ? 200 : 503, state.ready ? { status: 'ready' } : { status: 'not ready', reason: state.reason }))
        .catch((error: unknown) => fail(req, res, error));
      return;
    }
    try {
      route(req, res, 0);
    } catch (error) {
      fail(req, res, error);
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
    return { ready: false, reason: `database unreachable: ${errorMessage(error)}` };
  } finally {
    clearTimeout(timer);
  }
}
