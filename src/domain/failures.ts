/**
 * Failures in words for the person who asked, in one place for every adapter (console, Slack,
 * Teams): a refusal says its own reason; a database failure says what went wrong and that nothing
 * was changed (every change runs in one transaction, rolled back on any failure); anything else
 * says its kind. Everything but a refusal also goes to the operator log in full.
 *
 * Database failures are read from the shape of Prisma's errors and of its driver adapters'
 * (PostgreSQL and SQLite alike), never from their messages, which may carry a connection string;
 * only a value the database refuses is quoted, in the database's own words.
 */
import { CrisisError } from './errors.ts';

/** What Prisma's driver adapters report (`meta.driverAdapterError.cause`): the failure's kind and details. */
interface AdapterCause {
  kind?: unknown;
  originalCode?: unknown;
  originalMessage?: unknown;
  extendedCode?: unknown;
  code?: unknown;
  message?: unknown;
}

interface PrismaLike {
  name?: unknown;
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: AdapterCause } };
  cause?: unknown;
}

const unchanged = 'nothing was changed';
const unreachable = `The database cannot be reached right now; ${unchanged}. Try again in a moment: the operator log says why.`;
const busy = `The database was too busy to answer in time; ${unchanged}. Try again in a moment.`;
const conflict = `Someone changed the same thing at the same moment; ${unchanged}. Look again, then try again.`;
const locked = `The database file is locked by another write just now; ${unchanged}. Try again in a moment.`;

/** SQLite's primary result codes (https://www.sqlite.org/rescode.html) that a person can be told about. */
const sqliteBusy = 5;
const sqliteFailures: Record<number, string> = {
  [sqliteBusy]: locked,
  6: locked,
  8: `The database file is read-only for crisisroom; ${unchanged}. The operator must fix its permissions.`,
  10: `The database file could not be read or written (a disk error); ${unchanged}.`,
  11: `The database file is damaged; ${unchanged}. The operator must restore it.`,
  13: `The disk holding the database is full; ${unchanged}.`,
  14: `The database file cannot be opened; ${unchanged}. The operator log says why.`,
};

/** The primary result code of an SQLite result code or extended one (its low byte). */
function sqliteCode(code: unknown): number | undefined {
  const number = typeof code === 'string' ? Number(code) : code;
  return typeof number === 'number' && Number.isInteger(number) ? number & 0xff : undefined;
}

/** PostgreSQL error classes (SQLSTATE's first two characters) the database uses for a value it refuses. */
const refusedValueClasses = new Set(['22', '23']);

function causeOf(error: PrismaLike): AdapterCause | undefined {
  if (error.meta?.driverAdapterError?.cause) return error.meta.driverAdapterError.cause;
  return error.name === 'DriverAdapterError' && typeof error.cause === 'object' && error.cause !== null ? (error.cause as AdapterCause) : undefined;
}

/** A value the database refused, in the database's own words (they name the value's type, not the text). */
function refusedValue(detail: unknown): string {
  const words = typeof detail === 'string' && detail !== '' ? ` (the database said: ${detail})` : '';
  return `The database refused a value in that${words}; ${unchanged}.`;
}

function fromAdapter(cause: AdapterCause): string | undefined {
  switch (cause.kind) {
    case 'DatabaseNotReachable':
    case 'ConnectionClosed':
    case 'TlsConnectionError':
    case 'DatabaseDoesNotExist':
    case 'DatabaseAccessDenied':
    case 'AuthenticationFailed':
      return unreachable;
    case 'TooManyConnections':
      return `The database has no connection free right now; ${unchanged}. Try again in a moment.`;
    // The SQLite adapter reports a locked database file (SQLITE_BUSY) as a timeout.
    case 'SocketTimeout':
      return sqliteCode(cause.originalCode) === sqliteBusy ? locked : busy;
    case 'TransactionWriteConflict':
    case 'UniqueConstraintViolation':
      return conflict;
    case 'ForeignKeyConstraintViolation':
    case 'RestrictViolation':
      return `Something it refers to was removed at the same moment; ${unchanged}. Look again, then try again.`;
    case 'NullConstraintViolation':
    case 'LengthMismatch':
    case 'ValueOutOfRange':
    case 'InvalidInputValue':
      return refusedValue(cause.originalMessage);
    case 'TableDoesNotExist':
    case 'ColumnNotFound':
      return `The database's tables do not match this version of crisisroom; ${unchanged}. The operator must let crisisroom migrate it (restart it).`;
    case 'sqlite':
      return sqliteFailures[sqliteCode(cause.extendedCode) ?? -1];
    case 'postgres':
      return typeof cause.code === 'string' && refusedValueClasses.has(cause.code.slice(0, 2)) ? refusedValue(cause.message) : undefined;
    default:
      return undefined;
  }
}

/** Prisma's own codes for what it notices before or without a driver's answer. */
function fromPrismaCode(code: string): string | undefined {
  if (['P1000', 'P1001', 'P1002', 'P1003', 'P1010', 'P1011', 'P1017'].includes(code)) return unreachable;
  if (['P1008', 'P2024', 'P2028'].includes(code)) return busy;
  if (['P2002', 'P2034'].includes(code)) return conflict;
  if (code === 'P2025') return `What that acts on was removed at the same moment; ${unchanged}. Look again, then try again.`;
  if (['P2000', 'P2011', 'P2020'].includes(code)) return refusedValue(undefined);
  return undefined;
}

/** The sentence for a database failure, or undefined when `error` is not one the database raised. */
export function databaseFailure(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const failure = error as PrismaLike;
  const cause = causeOf(failure);
  const known = (cause && fromAdapter(cause)) ?? (typeof failure.code === 'string' ? fromPrismaCode(failure.code) : undefined);
  if (known) return known;
  // Anything else Prisma raised (an engine panic, an unknown request error) is still the database's.
  if (cause || (typeof failure.name === 'string' && failure.name.startsWith('PrismaClient'))) {
    return `The database failed while doing that; ${unchanged}. The operator log has the details.`;
  }
  return undefined;
}

/** Codes of Node's, Slack's and Teams' errors a person can be told in words. */
const kinds: Record<string, string> = {
  ECONNREFUSED: 'a server refused the connection',
  ECONNRESET: 'a connection was cut',
  ETIMEDOUT: 'a connection timed out',
  ENOTFOUND: 'a host name could not be found',
  EAI_AGAIN: 'a host name could not be looked up',
  ENOSPC: 'the disk is full',
  EACCES: 'a file could not be opened (permission denied)',
  slack_webapi_platform_error: 'Slack refused a request',
  slack_webapi_request_error: 'a request to Slack did not get through',
  slack_webapi_http_error: 'Slack answered a request with an HTTP error',
  slack_webapi_rate_limited_error: 'Slack asked crisisroom to slow down',
};

/** The kind of an unexpected error in words, never its message (it may hold anything, a secret included). */
function kindOf(error: unknown): string {
  if (!(error instanceof Error)) return `something that is not an error (${typeof error})`;
  const code = (error as { code?: unknown }).code;
  const slack = (error as { data?: { error?: unknown } }).data?.error;
  if (typeof code === 'string' && kinds[code]) return `${kinds[code]}${typeof slack === 'string' ? ` (${slack})` : ''}`;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'a request timed out';
  if (['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError'].includes(error.name)) return `a defect in crisisroom (${error.name})`;
  return `an unexpected ${error.name}${typeof code === 'string' ? ` (${code})` : ''}`;
}

/**
 * What the person is told when their request failed: a refusal as it is; anything else is logged in
 * full under `what`, and told as a database failure in words, or by its kind.
 */
export function failureText(error: unknown, log: (message: string, error: unknown) => void, what: string): string {
  if (error instanceof CrisisError) return error.message;
  log(what, error);
  return databaseFailure(error) ?? `That could not be done: ${kindOf(error)}. The operator log has the details.`;
}
