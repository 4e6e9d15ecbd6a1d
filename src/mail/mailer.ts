import nodemailer from 'nodemailer';
import type { NodemailerError } from 'nodemailer';
import type { SmtpSettings } from '../config.ts';

/** One message to one recipient, fully rendered. */
interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** With its angle brackets: `<local@domain>`. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  headers?: Record<string, string>;
  date?: Date;
}

export interface Mailer {
  /** The domain messages are named in (their Message-ID): the sender's. */
  readonly domain: string;
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/**
 * Whether the mail server refused the message or its recipient for good: a 5xx reply (RFC 5321), such
 * as 550 mailbox unavailable. 4xx replies, 503 and failures without a reply (connection, timeout) are not.
 */
export function isPermanentRejection(error: unknown): error is NodemailerError {
  return error instanceof Error && (error as NodemailerError).permanent === true;
}

/** The server's own words about a failure, for the crisis room: `550 5.1.1 mailbox unavailable`. */
export function smtpReply(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const { response, code } = error as NodemailerError;
  return response?.trim() || `${code ? `${code}: ` : ''}${error.message}`;
}

/**
 * Sends through the configured SMTP server over a small pool of connections, kept open between the
 * mails of one fan-out. Timeouts are short: a server that does not answer is retried later, and the
 * delivery worker must not wait minutes on one mail.
 */
export function smtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport(
    { url: settings.url, pool: true, maxConnections: 3, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 },
    { from: settings.from },
  );
  return {
    domain: settings.fromAddress.slice(settings.fromAddress.lastIndexOf('@') + 1),
    send: async (mail) => {
      await transport.sendMail(mail);
    },
    close: () => transport.close(),
  };
}
