import { type IncomingHttpHeaders, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * How the receiver answers the next requests: a status (with headers), a redirect, silence until
 * the client gives up, or storing the message and then dropping the connection unanswered (the
 * sender cannot know it arrived).
 */
export type ReceiverMode = { kind: 'status'; status: number; headers?: Record<string, string>; body?: string } | { kind: 'hang' } | { kind: 'store-then-drop' };

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A real webhook receiver on 127.0.0.1 that records every request it got. */
export async function startWebhookReceiver() {
  const received: ReceivedRequest[] = [];
  let mode: ReceiverMode = { kind: 'status', status: 204 };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (mode.kind === 'hang') return;
      if (mode.kind === 'store-then-drop') {
        request.socket.destroy();
        return;
      }
      response.writeHead(mode.status, mode.headers ?? {});
      response.end(mode.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    received,
    answer(next: ReceiverMode): void {
      mode = next;
    },
    async close(): Promise<void> {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** The Standard Webhooks headers of a received request, as the verifier takes them. */
export function webhookHeaders(request: ReceivedRequest): Record<string, string> {
  const pick = (name: string) => String(request.headers[name] ?? '');
  return { 'webhook-id': pick('webhook-id'), 'webhook-timestamp': pick('webhook-timestamp'), 'webhook-signature': pick('webhook-signature') };
}
