import type { Tx } from '../client.ts';

/** The kinds of delivery target, as people are told about them. */
export type TargetKind = 'page' | 'channel' | 'webhook' | 'email';

export interface NamedTarget {
  kind: TargetKind;
  name: string;
}

const pageNames: Record<string, string> = { 'status-page': 'status page', 'statuspage-io': 'Statuspage.io' };

/** An address shown in the crisis room without handing it out whole: "a***@example.com". */
function maskedAddress(address: string): string {
  const [local = '', domain = ''] = address.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}

/**
 * Names delivery targets ("status-page", "channel:12", "webhook:3", "email:9") the way the crisis
 * room reads them: "status page", "#acme-status", "hooks.example.com", "a***@example.com".
 */
export async function nameTargets(db: Tx, targets: readonly string[]): Promise<(target: string) => NamedTarget> {
  const idsOf = (kind: string) => [
    ...new Set(
      targets
        .map((t) => new RegExp(`^${kind}:(\\d+)$`).exec(t)?.[1])
        .filter((id): id is string => Boolean(id))
        .map(Number),
    ),
  ];
  const [channels, webhooks, subscribers] = await Promise.all([
    db.channelSubscription.findMany({ where: { id: { in: idsOf('channel') } }, select: { id: true, channelName: true } }),
    db.webhookEndpoint.findMany({ where: { id: { in: idsOf('webhook') } }, select: { id: true, url: true } }),
    db.emailSubscriber.findMany({ where: { id: { in: idsOf('email') } }, select: { id: true, address: true } }),
  ]);
  return (target) => {
    const [kind, which] = target.split(':');
    const id = Number(which);
    switch (kind) {
      case 'channel':
        return { kind: 'channel', name: `#${channels.find((c) => c.id === id)?.channelName ?? `channel ${which}`}` };
      case 'webhook': {
        const url = webhooks.find((w) => w.id === id)?.url;
        return { kind: 'webhook', name: url ? `webhook ${new URL(url).host}` : `webhook ${which}` };
      }
      case 'email': {
        const address = subscribers.find((s) => s.id === id)?.address;
        return { kind: 'email', name: address ? maskedAddress(address) : `e-mail subscriber ${which}` };
      }
      default:
        return { kind: 'page', name: pageNames[target] ?? target };
    }
  };
}
