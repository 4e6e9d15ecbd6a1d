// What the fake trackers (GitHub, Jira, Linear) share: a server on 127.0.0.1 that records each
// request, fails on request (an answer given by the fake, no answer at all, or the work done and the
// answer lost), and webhooks sent as the trackers send them.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { text } from 'node:stream/consumers';

/** No answer to the request until the fake is closed. */
type Hang = { hang: true };
/** The request is handled, then its connection dropped before the answer. */
type Drop = { drop: true };

export interface FakeAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** The GraphQL operation a request was, where there is one. */
  operation?: string;
}

export interface FakeRequest {
  method: string;
  path: string;
  operation: string;
  status: number | 'hung' | 'dropped';
}

/** Starts a fake API whose answers `respond` gives, handed the failure queued for the request, if it is one of the fake's own. */
export async function startFakeApi<Failure extends object>(respond: (req: IncomingMessage, raw: string, failure: Failure | undefined) => FakeAnswer) {
  const requests: FakeRequest[] = [];
  const failures: (Failure | Hang | Drop)[] = [];
  const hung = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    // The failure is taken before the body is read: a client that gives up while its body is still
    // arriving must not leave it queued for the next request.
    const failure = failures.shift();
    const path = req.url ?? '/';
    const record = (status: FakeRequest['status'], operation = '?') => requests.push({ method: req.method ?? '', path, operation, status });
    if (failure && 'hang' in failure) {
      record('hung');
      hung.add(res);
      return;
    }
    const raw = await text(req).catch(() => null);
    if (raw === null) return;
    const answer = respond(req, raw, failure && !('drop' in failure) ? (failure as Failure) : undefined);
    if (failure && 'drop' in failure) {
      record('dropped', answer.operation);
      req.socket.destroy();
      return;
    }
    record(answer.status, answer.operation);
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    /** Queues failures for the next requests, one each. */
    failNext(...next: (Failure | Hang | Drop)[]) {
      failures.push(...next);
    },
    /**
     * Forgets the failures no request took: a client that gave up before its request even reached
     * the fake (a loaded machine) leaves its failure queued, and the next test's request must not get it.
     */
    clearFailures() {
      failures.length = 0;
    },
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Posts a webhook's payload with the tracker's headers, and what the receiver answered. */
export async function sendWebhook(url: string, headers: Record<string, string>, payload: string, delivery: string) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: payload });
  return { status: res.status, body: (await res.json()) as unknown, delivery };
}
