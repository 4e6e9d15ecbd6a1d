/** One finding of `crisisroom doctor`: any `fail` makes the command exit 1. */
export type Level = 'pass' | 'warn' | 'fail';

export interface CheckLine {
  level: Level;
  /** What was checked: "clock", "database", "slack"… */
  subject: string;
  detail: string;
}

export const pass = (subject: string, detail: string): CheckLine => ({ level: 'pass', subject, detail });
export const warn = (subject: string, detail: string): CheckLine => ({ level: 'warn', subject, detail });
export const fail = (subject: string, detail: string): CheckLine => ({ level: 'fail', subject, detail });

const certificateDates = /certificate has expired|certificate is not yet valid/i;

/**
 * The message of anything thrown, with its cause (fetch and pg put the useful part there). TLS
 * checks certificate dates against the machine's clock, so a clock a year out shows first as
 * "certificate has expired": that is said.
 */
export function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message = error.message || (typeof code === 'string' ? code : error.name);
  const reason = error.cause instanceof Error && !message.includes(error.cause.message) ? `${message}: ${error.cause.message}` : message;
  return certificateDates.test(reason) ? `${reason} (is this machine's clock wrong? certificates are checked against it)` : reason;
}
