import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { EmailAddress } from '../domain/email-address.ts';
import type { Language } from '../i18n/languages.ts';
import { subscriptionMessages, subscriptionScope } from '../i18n/subscription-messages.ts';
import type { Clock } from '../time/clock.ts';
import { clientAddress, fromThisSite, readForm } from './form-request.ts';
import type { PageOptions } from './html/document.ts';
import { renderSubscribePage, type SubscribePageParts } from './html/subscribe-pages.ts';
import { createRateLimiter } from './rate-limit.ts';
import { htmlHeaders, prepare, send } from './respond.ts';
import { pickLanguage, pickZone } from './routes.ts';
import type { PublicSnapshot } from '../domain/public-page/snapshot.ts';

/** A subscription as its pages show it. */
export interface SubscriptionView {
  address: string;
  components: string[];
  state: 'pending' | 'confirmed' | 'unsubscribed';
}

/** What the pages ask of the rest of crisisroom; each token method answers null for a link that is not valid. */
export interface SubscriptionDesk {
  /** Records the request and mails the address; 'send-failed' when the mail server could not take the mail. */
  request(input: { address: string; components: string[]; language: Language; timeZone: string }): Promise<'sent' | 'send-failed'>;
  toConfirm(token: string): Promise<SubscriptionView | null>;
  confirm(token: string): Promise<SubscriptionView | null>;
  toEnd(token: string): Promise<SubscriptionView | null>;
  end(token: string): Promise<SubscriptionView | null>;
}

export interface SubscribeRoutesOptions {
  snapshot(): PublicSnapshot;
  desk: SubscriptionDesk;
  clock: Clock;
  /** The page's public address, whose origin may post the forms. */
  publicBaseUrl(): string;
}

const tokenPath = /^\/(subscribe\/confirm|unsubscribe)\/([A-Za-z0-9_-]{1,100})$/;

/** Modest: a person subscribes once; a script posting addresses from one client is stopped early. */
const perClient = { limit: 10, windowMs: 15 * 60_000 };
/** One mail per address in five minutes, whoever asks: the form must not be a way to flood an inbox. */
const perAddress = { limit: 1, windowMs: 5 * 60_000 };

const SubscribeForm = z.object({
  email: EmailAddress,
  components: z.array(z.string().max(100)).max(100),
});

/**
 * The e-mail subscription pages: POST /subscribe, then /subscribe/confirm/<token> and
 * /unsubscribe/<token>, each a page with a button (GET) and the step itself (POST): mail scanners
 * follow links, so no GET changes anything. Unsubscribing also takes RFC 8058 one-click posts from mail
 * clients, which come from anywhere; the other posts must come from this site.
 */
export function createSubscribeHandler({ snapshot: getSnapshot, desk, clock, publicBaseUrl }: SubscribeRoutesOptions) {
  const clients = createRateLimiter({ ...perClient, clock });
  const addresses = createRateLimiter({ ...perAddress, clock });

  return (req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = tokenPath.exec(url.pathname);
    if (url.pathname !== '/subscribe' && !token) return false;
    const snapshot = getSnapshot();
    const options: PageOptions = {
      lang: pickLanguage(url.searchParams.get('lang'), snapshot.page.languages),
      zone: pickZone(url.searchParams.get('tz'), snapshot.page.timeZone),
    };
    const text = subscriptionMessages(options.lang);
    const page = (status: number, parts: Omit<SubscribePageParts, 'path'>, headers: Record<string, string> = {}) => {
      const body = renderSubscribePage(snapshot, options, { ...parts, path: url.pathname });
      send(req, res, prepare(body, 'text/html; charset=utf-8', { ...htmlHeaders, 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex', ...headers }, status));
      return true;
    };
    const refused = (status: number, message: string, headers: Record<string, string> = {}) =>
      page(status, { title: text.notSubscribedTitle, paragraphs: [message] }, headers);
    const invalidLink = () => page(404, { title: text.linkInvalidTitle, paragraphs: [text.linkInvalidText] });
    const allowed = token ? 'GET, HEAD, POST' : 'POST';
    const isGet = req.method === 'GET' || req.method === 'HEAD';
    if (req.method !== 'POST' && !(token && isGet)) {
      res.writeHead(405, { Allow: allowed, 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method Not Allowed\n');
      return true;
    }

    const subscribe = async (): Promise<boolean> => {
      if (!fromThisSite(req, publicBaseUrl())) return refused(403, text.crossSite);
      const wait = clients.take(clientAddress(req));
      if (wait > 0) return refused(429, text.tooManyRequests, { 'Retry-After': String(Math.ceil(wait / 1000)) });
      const body = await readForm(req);
      if (!body.ok) return tooLargeOrUnsupported(res, body.status);
      const form = SubscribeForm.safeParse({ email: body.fields.get('email') ?? '', components: body.fields.getAll('components') });
      if (!form.success) return refused(400, text.invalidAddress);
      const known = new Set(snapshot.components.map((component) => component.name));
      if (!form.data.components.every((name) => known.has(name))) return refused(400, text.unknownComponent);
      const { email: address, components } = form.data;
      // A repeat within minutes answers as if sent: the first mail's link stays the one to use.
      if (addresses.take(address) === 0) {
        const outcome = await desk.request({ address, components: [...new Set(components)], language: options.lang, timeZone: options.zone });
        if (outcome === 'send-failed') {
          addresses.refund(address);
          return refused(503, text.sendFailed, { 'Retry-After': '60' });
        }
      }
      return page(200, { title: text.checkInboxTitle, paragraphs: [text.checkInboxText(address)] });
    };

    const confirm = async (value: string): Promise<boolean> => {
      if (isGet) {
        const found = await desk.toConfirm(value);
        if (!found) return invalidLink();
        if (found.state === 'confirmed') return confirmed(found);
        const paragraphs = [text.confirmText(found.address, snapshot.page.name), subscriptionScope(found.components, options.lang)];
        return page(200, { title: text.confirmTitle, paragraphs, button: text.confirmButton });
      }
      if (!fromThisSite(req, publicBaseUrl())) return refused(403, text.crossSite);
      const done = await desk.confirm(value);
      return done ? confirmed(done) : invalidLink();
    };
    const confirmed = (found: SubscriptionView) =>
      page(200, { title: text.confirmedTitle, paragraphs: [text.confirmedText(found.address), subscriptionScope(found.components, options.lang)] });

    const unsubscribe = async (value: string): Promise<boolean> => {
      if (isGet) {
        const found = await desk.toEnd(value);
        if (!found) return invalidLink();
        if (found.state === 'unsubscribed') return page(200, { title: text.unsubscribedTitle, paragraphs: [text.unsubscribedText(found.address)] });
        return page(200, {
          title: text.unsubscribeTitle,
          paragraphs: [text.unsubscribeText(found.address, snapshot.page.name)],
          button: text.unsubscribeButton,
        });
      }
      // The body (our button's, or RFC 8058's "List-Unsubscribe=One-Click") carries nothing needed: the token says who.
      const done = await desk.end(value);
      return done ? page(200, { title: text.unsubscribedTitle, paragraphs: [text.unsubscribedText(done.address)] }) : invalidLink();
    };

    if (!token) return subscribe();
    return token[1] === 'unsubscribe' ? unsubscribe(token[2]!) : confirm(token[2]!);
  };
}

function tooLargeOrUnsupported(res: ServerResponse, status: 413 | 415): boolean {
  // An unread body is left behind: the connection closes rather than parse it as the next request.
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end(status === 413 ? 'Payload Too Large\n' : 'Unsupported Media Type: send application/x-www-form-urlencoded\n');
  return true;
}
