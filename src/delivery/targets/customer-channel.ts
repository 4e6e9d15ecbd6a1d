import type { ChannelDeliveries } from '../../services/channel-deliveries.ts';
import { type DeliveryTarget, PermanentDeliveryError } from '../target.ts';

/** What a poster is given: the delivery with its publication and channel, and how many attempts came before. */
export type ChannelDelivery = Awaited<ReturnType<ChannelDeliveries['load']>> & { attempts: number };

/** One chat platform's way of posting a publication into a customer channel. */
export interface ChannelPoster {
  post(delivery: ChannelDelivery, record: ChannelDeliveries): Promise<void | 'already-delivered'>;
}

/** Customer channels of every platform: a delivery named "channel:<subscription>" goes to its platform's poster. */
export function customerChannelTarget(deliveries: ChannelDeliveries, posters: Readonly<Record<string, ChannelPoster>>): DeliveryTarget {
  return {
    name: 'channel',
    deliver: async (delivery) => {
      const subscriptionId = Number(delivery.target.split(':')[1]);
      const loaded = await deliveries.load(delivery.id, subscriptionId);
      const poster = posters[loaded.subscription.platform];
      if (!poster) throw new PermanentDeliveryError(`no ${loaded.subscription.platform} connection is configured`);
      return poster.post({ ...loaded, attempts: delivery.attempts }, deliveries);
    },
  };
}
