import { type Socket, connect } from 'node:net';
import { createInterface } from 'node:readline';
import { ConsoleReply, type ConsoleRequest } from './protocol.ts';

/** A connection to a running crisisroom's console socket: one request, then its reply. */
export async function connectConsole(socketPath: string): Promise<{ send(request: ConsoleRequest): Promise<string>; close(): void }> {
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect(socketPath);
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
  const replies = createInterface({ input: socket, crlfDelay: Infinity })[Symbol.asyncIterator]();
  return {
    async send(request) {
      socket.write(`${JSON.stringify(request)}\n`);
      const next = await replies.next();
      if (next.done) throw new Error('crisisroom closed the console connection');
      return ConsoleReply.parse(JSON.parse(next.value)).text;
    },
    close: () => socket.end(),
  };
}
