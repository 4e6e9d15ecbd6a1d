import type { Database } from '../../src/db/client.ts';
import { systemClock } from '../../src/time/clock.ts';

/**
 * Subscribes Slack channels to every incident's updates, in English and UTC, as `by` would have with
 * `/incident channel subscribe`: the customer channels of the crash tests and the benchmarks.
 */
export async function subscribeSlackChannels(db: Database, channels: readonly { id: string; name: string }[], by: string): Promise<void> {
  const at = systemClock.now();
  await db.prisma.channelSubscription.createMany({
    data: channels.map((channel) => ({
      platform: 'slack',
      channelId: channel.id,
      channelName: channel.name,
      components: '[]',
      language: 'en',
      timeZone: 'UTC',
      createdById: by,
      createdAt: at,
      updatedAt: at,
    })),
  });
}
