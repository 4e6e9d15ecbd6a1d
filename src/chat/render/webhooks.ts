import { webhookId } from '../../domain/webhook.ts';
import type { addWebhook, listWebhooks, removeWebhook, rotateWebhookSecret } from '../../services/webhook/webhooks.ts';
import { formatDateTime } from '../../time/format.ts';

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

function scope(components: readonly string[]): string {
  return components.length > 0 ? `incidents affecting ${components.join(', ')}` : 'every incident';
}

const verifyHint =
  'Check every request with it as Standard Webhooks says (the webhook-id, webhook-timestamp and webhook-signature headers), e.g. with the standardwebhooks library.';

export function webhookAdded(added: Result<typeof addWebhook>): string {
  return [
    `${webhookId(added.id)}: ${added.url} now receives approved public updates for ${scope(added.components)}.`,
    `Its signing secret, shown only this once: ${added.secret}`,
    verifyHint,
  ].join('\n');
}

export function webhookRemoved(removed: Result<typeof removeWebhook>): string {
  return `${webhookId(removed.id)}: ${removed.url} will no longer receive public updates.`;
}

export function webhookRotated(rotated: Result<typeof rotateWebhookSecret>, zone: string): string {
  return [
    `${webhookId(rotated.id)}: ${rotated.url} has a new signing secret, shown only this once: ${rotated.secret}`,
    `Until ${formatDateTime(rotated.previousUntil, zone)} every request is signed with the previous secret too; deploy the new one before then.`,
  ].join('\n');
}

export function renderWebhookList(webhooks: Result<typeof listWebhooks>, zone: string): string {
  if (webhooks.length === 0) return 'No webhooks are registered. Add one with /incident webhook add https://…';
  return [
    'Webhooks:',
    ...webhooks.map((w) => {
      const state = w.active ? 'active' : `disabled (${w.disabledReason ?? 'no reason recorded'})`;
      const rotation = w.active && w.rotationEndsAt ? ` · previous secret signs until ${formatDateTime(w.rotationEndsAt, zone)}` : '';
      return `${webhookId(w.id)} · ${w.url} · ${w.components.length > 0 ? w.components.join(', ') : 'all components'} · ${state}${rotation}`;
    }),
  ].join('\n');
}
