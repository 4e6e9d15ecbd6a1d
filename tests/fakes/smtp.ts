import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

interface ReceivedMail {
  /** RCPT TO, as the server was given it. */
  to: string[];
  mail: ParsedMail;
}

/**
 * A real SMTP server on 127.0.0.1 (the smtp-server package) that keeps what it is sent, parsed by
 * mailparser. `refuse` makes it answer RCPT TO for an address with a given reply, as a mailbox
 * provider would (550 mailbox unavailable, 451 try again later).
 */
export async function startSmtpServer(credentials = { user: 'crisisroom', pass: 's3cret-pass' }) {
  const received: ReceivedMail[] = [];
  const refusals = new Map<string, { code: number; message: string }>();
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === credentials.user && auth.password === credentials.pass) callback(null, { user: auth.username });
      else callback(new Error('535 authentication failed'));
    },
    onRcptTo(address, _session, callback) {
      const refusal = refusals.get(address.address.toLowerCase());
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), mail });
          for (const wake of waiters.splice(0)) wake();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url: `smtp://${credentials.user}:${credentials.pass}@127.0.0.1:${port}`,
    received,
    /** Mails to one address, oldest first. */
    to: (address: string) => received.filter((r) => r.to.includes(address)).map((r) => r.mail),
    refuse: (address: string, code: number, message: string) => refusals.set(address.toLowerCase(), { code, message }),
    accept: (address: string) => refusals.delete(address.toLowerCase()),
    /** Resolves once `count` mails have arrived in all, or fails after `ms`. */
    async waitFor(count: number, ms = 3000): Promise<void> {
      const started = performance.now();
      while (received.length < count) {
        if (performance.now() - started > ms) throw new Error(`expected ${count} mails, got ${received.length}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 50);
        });
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export type SmtpFake = Awaited<ReturnType<typeof startSmtpServer>>;
