import { Webhook } from 'standardwebhooks';
import type { WebhookSettings } from '../../config.ts';
import { webhookId } from '../../domain/webhook.ts';
import { type Resolver, UnsafeUrlError, checkOutboundUrl, systemResolver } from '../../net/outbound-address.ts';
import type { WebhookDeliveries } from '../../db/stores/webhook-deliveries.ts';
import type { Clock } from '../../time/clock.ts';
import { PermanentDeliveryError, RetryLaterError, type DeliveryTarget } from '../target.ts';
import { reportPayload, webhookPayload } from '../webhook/payload.ts';
import type { ReportTemplate } from '../../domain/report.ts';
import type { Language } from '../../i18n/languages.ts';
import { type WebhookResponse, postWebhook } from '../webhook/post.ts';
import { retryAfterMs } from '../retry-after.ts';
import { errorMessage } from '../../domain/errors.ts';

export interface WebhookTargetDeps {
  deliveries: WebhookDeliveries;
  clock: Clock;
  settings: WebhookSettings;
  /** The status page's public address, for the incident's link. */
  publicBaseUrl: () => string;
  /** An incident report's section titles in one language. */
  reportTitles: (lang: Language) => ReportTemplate['titles'];
  resolve?: Resolver;
}

/**
 * The Standard Webhooks headers. The id is the delivery's idempotency key, the same on every retry,
 * so a receiver that got a message whose answer was lost can drop the repeat. While a rotation
 * lasts, each signing secret adds its signature, space separated.
 */
function signedHeaders(messageId: string, at: Date, body: string, secrets: readonly string[]): Record<string, string> {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(' '),
  };
}

/** A receiver's words in an error message: one line, short, and never anything shaped like a signature or secret. */
function quoted(excerpt: string): string {
  const line = excerpt
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
    .replace(/(v1,|whsec_)[A-Za-z0-9+/=]+/g, '$1…');
  return line === '' ? '' : `: ${line}`;
}

/**
 * What an answer means for the delivery. 2xx: delivered. 410: the receiver is gone for good, so the
 * endpoint is disabled. Other 3xx and 4xx: this message cannot succeed (redirects are not followed,
 * so a moved endpoint must be registered again), except 408, 409, 425 and 429, which ask to come
 * back; with 503 they may say when (Retry-After). 5xx: retried with backoff.
 */
async function judge(response: WebhookResponse, deps: WebhookTargetDeps, endpointId: number): Promise<void> {
  const { status } = response;
  if (status >= 200 && status < 300) return;
  const said = `${webhookId(endpointId)} answered HTTP ${status}`;
  if (status >= 300 && status < 400) {
    const location = response.headers.location ? ` to ${response.headers.location}` : '';
    throw new PermanentDeliveryError(`${said}, a redirect${location}: webhooks do not follow redirects; register the final URL instead`);
  }
  if (status === 410) {
    await deps.deliveries.disable(endpointId, `HTTP 410 Gone from the receiver`);
    throw new PermanentDeliveryError(`${said} (Gone): the webhook is disabled; add it again once the receiver is back`);
  }
  const comeBack = status === 429 || status === 503 ? retryAfterMs(response.headers['retry-after'], deps.clock.now()) : null;
  if (comeBack !== null) throw new RetryLaterError(`${said}; it asked to retry in ${Math.ceil(comeBack / 1000)} s`, comeBack);
  if (status >= 500 || [408, 409, 425, 429].includes(status)) throw new Error(`${said}${quoted(response.excerpt)}`);
  throw new PermanentDeliveryError(`${said}${quoted(response.excerpt)}`);
}

/**
 * Webhook endpoints: a delivery named "webhook:<endpoint>" is POSTed there, signed. A receiver
 * offers no way to ask whether an earlier attempt arrived, so a retry (job.attempts > 0) simply
 * sends again, with the same webhook-id for the receiver to drop the repeat.
 */
export function webhookTarget(deps: WebhookTargetDeps): DeliveryTarget {
  return {
    name: 'webhook',
    deliver: async (job) => {
      const endpointId = Number(job.target.split(':')[1]);
      const loaded = await deps.deliveries.load(job.id, endpointId);
      if (!loaded.endpoint.active)
        throw new PermanentDeliveryError(`${webhookId(endpointId)} is disabled (${loaded.endpoint.disabledReason ?? 'no reason recorded'})`);
      // The incident is read as it stood right after this publication: an update among its updates, or its report.
      const update = loaded.incident.updates.find((candidate) => candidate.id === loaded.publicationId);
      if (!update && !loaded.incident.report) throw new PermanentDeliveryError(`publication ${loaded.publicationId} is neither an update nor a report`);
      // Checked again at every send: the host's DNS may now point somewhere it must not reach.
      const checked = await checkOutboundUrl(loaded.endpoint.url, deps.settings, deps.resolve ?? systemResolver).catch((error: unknown) => {
        throw error instanceof UnsafeUrlError ? new PermanentDeliveryError(`${webhookId(endpointId)}: ${error.message}`) : error;
      });
      const page = deps.publicBaseUrl().replace(/\/+$/, '');
      const body = JSON.stringify(update ? webhookPayload(loaded.incident, update, page) : reportPayload(loaded.incident, page, deps.reportTitles));
      const headers = signedHeaders(job.idempotencyKey, deps.clock.now(), body, loaded.secrets);
      const response = await postWebhook(checked, headers, body, deps.settings.timeoutMs).catch((error: unknown) => {
        throw new Error(`${webhookId(endpointId)} could not be reached: ${errorMessage(error)}`);
      });
      await judge(response, deps, endpointId);
    },
  };
}
