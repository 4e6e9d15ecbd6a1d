import type { ChannelDeliveries } from '../../db/stores/channel-deliveries.ts';
import { type DeliveryTarget, PermanentDeliveryError, RetryLaterError } from '../target.ts';

/** What a poster is given: the delivery with its publication and channel, and how many attempts came before. */
export type ChannelDelivery = Awaited<ReturnType<ChannelDeliveries['load']>> & { attempts: number };

/** A channel's post of an incident, and the state it is to show: the incident's newest publication there. */
export type ParentEdit = Omit<Awaited<ReturnType<ChannelDeliveries['loadParent']>>, 'thread' | 'channelFailed'> & {
  thread: NonNullable<Awaited<ReturnType<ChannelDeliveries['loadParent']>>['thread']>;
};

/** One chat platform's way of posting a publication into a customer channel. */
export interface ChannelPoster {
  /** The incident's first post in the channel (its parent message), or a reply in its thread. */
  post(delivery: ChannelDelivery, record: ChannelDeliveries): Promise<void | 'already-delivered'>;
  /** Edits the parent message to the state given; the same state twice is harmless. */
  editParent(edit: ParentEdit): Promise<void>;
}

/** A channel's first post must exist before its parent can be edited: its own delivery makes it. */
const threadWaitMs = 2000;

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

/**
 * A channel's parent message brought up to date ("parent:<subscription>"): to the incident's newest
 * publication there, whichever publication's delivery this is, so edits coalesce: once one has shown
 * the newest state, the deliveries of older publications have nothing left to do. A channel that
 * can never be reached was reported by its own delivery; its parent is left as it is.
 */
export function channelParentTarget(
  deliveries: ChannelDeliveries,
  posters: Readonly<Record<string, ChannelPoster>>,
  log: (message: string) => void,
): DeliveryTarget {
  return {
    name: 'parent',
    deliver: async (delivery) => {
      const subscriptionId = Number(delivery.target.split(':')[1]);
      const { thread, channelFailed, ...loaded } = await deliveries.loadParent(delivery.id, subscriptionId);
      const poster = posters[loaded.subscription.platform];
      if (!poster || channelFailed) return 'already-delivered';
      if (!thread) throw new RetryLaterError(`${loaded.subscription.channelName}: no post of the incident yet`, threadWaitMs);
      if ((thread.parentPublicationId ?? 0) >= loaded.publicationId) return 'already-delivered';
      try {
        await poster.editParent({ ...loaded, thread });
      } catch (error) {
        if (!(error instanceof PermanentDeliveryError)) throw error;
        log(`the post of ${loaded.subscription.channelName} stays as it is: ${error.message}`);
        return 'already-delivered';
      }
      await deliveries.recordParent(thread.id, loaded.publicationId);
    },
  };
}
