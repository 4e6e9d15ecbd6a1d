import type { AppConfig } from '../../config.ts';

/** Known token prefixes stay visible: they say what kind of secret it is without giving it away. */
const visiblePrefix = /^(xoxb-|xapp-|xoxp-|whsec_)/;

/**
 * A secret as the doctor may show it: its kind and last four characters (`xoxb-…a1b2`), enough to
 * tell which one is configured. Short secrets show nothing of themselves.
 */
export function maskSecret(secret: string): string {
  const prefix = visiblePrefix.exec(secret)?.[1] ?? '';
  const rest = secret.slice(prefix.length);
  return rest.length >= 16 ? `${prefix}…${rest.slice(-4)}` : `${prefix}…`;
}

/** A URL without its password, whether in the user part or a `password` parameter (libpq's). */
export function maskedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
  return parsed.toString();
}

type Secrets = Pick<AppConfig, 'slackCredentials' | 'statuspage' | 'smtp' | 'databaseUrl' | 'github' | 'jira' | 'linear'>;

/**
 * The last guard before anything is printed: every token and key replaced by its mask wherever it
 * appears, and every URL password wherever it appears in a URL. A password alone is not searched
 * for: a short one ("postgres") would mangle ordinary words.
 */
export function redact(text: string, config: Secrets): string {
  const { botToken, signingSecret, appToken } = config.slackCredentials ?? {};
  const tracker = [
    config.github?.token,
    config.github?.webhookSecret,
    config.jira?.apiToken,
    config.jira?.webhookSecret,
    config.linear?.apiKey,
    config.linear?.webhookSecret,
  ];
  const tokens = [botToken, signingSecret, appToken, config.statuspage?.apiKey, ...tracker].filter((secret): secret is string => Boolean(secret));
  const passwords = [config.smtp?.url, config.databaseUrl].flatMap((url) => {
    const password = (url ? URL.parse(url) : null)?.password ?? '';
    return password ? [password, decodeURIComponent(password)] : [];
  });
  const masked = tokens.sort((a, b) => b.length - a.length).reduce((out, token) => out.split(token).join(maskSecret(token)), text);
  return passwords.reduce((out, password) => out.split(`:${password}@`).join(':***@'), masked);
}
