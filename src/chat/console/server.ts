import { chmod, unlink } from 'node:fs/promises';
import { type Server, type Socket, connect, createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { failureText } from '../../domain/failures.ts';
import { ConsoleRequest } from './protocol.ts';

export type ConsoleHandler = (request: ConsoleRequest) => Promise<string>;

/** Whether a crisisroom process is already answering on this socket. */
function answering(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/**
 * Claims the data directory for this process: a second crisisroom on the same data (and so the
 * same SQLite file) would corrupt the delivery order, so it is refused. A socket left by a process
 * that died is removed.
 */
export async function claimConsoleSocket(socketPath: string): Promise<void> {
  if (await answering(socketPath)) {
    throw new Error(`another crisisroom process is already running with this data directory (${socketPath} answers)`);
  }
  await unlink(socketPath).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

/**
 * The local-only channel the console attaches through. Only the owner of the data directory can
 * reach the socket (mode 0600): the console lets its user speak as anyone, as a local operator may.
 */
export async function startConsoleServer(socketPath: string, handle: ConsoleHandler, log: (message: string, error?: unknown) => void): Promise<Server> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    void serve(socket, handle, log);
  });
  server.once('close', () => {
    for (const socket of sockets) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, resolve);
  });
  await chmod(socketPath, 0o600);
  return server;
}

async function serve(socket: Socket, handle: ConsoleHandler, log: (message: string, error?: unknown) => void): Promise<void> {
  // Lines are answered one at a time, in order, as a person typing them would expect.
  for await (const raw of createInterface({ input: socket, crlfDelay: Infinity })) {
    let text: string;
    try {
      const request = ConsoleRequest.safeParse(parsedJson(raw));
      text = request.success ? await handle(request.data) : `Bad console request: ${request.error.issues[0]?.message ?? 'invalid'}`;
    } catch (error) {
      text = failureText(error, log, 'console request failed');
    }
    if (socket.destroyed) return;
    socket.write(`${JSON.stringify({ text })}\n`);
  }
}

/** One request line as JSON; a line that is not JSON is a request zod explains as invalid, not a failure. */
function parsedJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
