/** The closed set of reasons a request can be refused; each adapter maps them in exactly one place. */
const errorCodes = ['invalid_input', 'not_found', 'forbidden', 'conflict', 'clock_untrusted'] as const;
export type ErrorCode = (typeof errorCodes)[number];

/** A refusal the user can act on: its message is written for them. */
export class CrisisError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'CrisisError';
    this.code = code;
  }
}

/** The message of anything thrown: an Error's own message, or the thrown value as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
