import type { Clock } from './time/clock.ts';

export type Log = (message: string, error?: unknown) => void;

/** Operator log on stderr, stamped by the injected clock; errors keep their stack for the operator. */
export function createLog(clock: Clock, write: (line: string) => void = (line) => process.stderr.write(line)): Log {
  return (message, error) => {
    const detail = error === undefined ? '' : ` :: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
    write(`${clock.now().toISOString()} crisisroom: ${message}${detail}\n`);
  };
}
