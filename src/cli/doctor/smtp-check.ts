import nodemailer from 'nodemailer';
import { type SmtpSettings, maskedSmtpUrl } from '../../config.ts';
import { smtpReply } from '../../mail/mailer.ts';
import { type CheckLine, fail, pass } from './check-line.ts';

/** Connects and logs in as e-mail updates would (nodemailer's verify), sending nothing. */
export async function checkSmtp(settings: SmtpSettings, timeoutMs = 10_000): Promise<CheckLine[]> {
  const where = maskedSmtpUrl(settings.url);
  const transport = nodemailer.createTransport({ url: settings.url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  try {
    await transport.verify();
    return [pass('smtp', `${where} ${new URL(settings.url).username ? 'accepts the login' : 'answers'}; mails are sent from ${settings.from}`)];
  } catch (error) {
    return [fail('smtp', `${where}: ${smtpReply(error)}`)];
  } finally {
    transport.close();
  }
}
