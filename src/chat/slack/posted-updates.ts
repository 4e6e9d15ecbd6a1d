import type { WebClient } from '@slack/web-api';

/** The metadata that marks a message crisisroom posted as the one of `key`, so a retry can find it. */
export const metadataOf = (key: string) => ({ event_type: 'crisisroom_update', event_payload: { key } });

/** How far before the publication to look: Slack's clock and ours may differ by a little. */
const slackClockMarginSeconds = 600;

/**
 * Finds the message an earlier attempt posted for a delivery, by the key in its metadata: in the
 * thread when one is given, else among the channel's top-level messages since the publication.
 * Returns its ts, or undefined when Slack has no such message (so posting is safe).
 */
export async function findPostedUpdate(
  client: WebClient,
  where: { channel: string; key: string; since?: Date; threadTs?: string },
): Promise<string | undefined> {
  const oldest = where.since ? String(Math.floor(where.since.getTime() / 1000) - slackClockMarginSeconds) : undefined;
  const page = where.threadTs
    ? await client.conversations.replies({ channel: where.channel, ts: where.threadTs, ...(oldest ? { oldest } : {}), limit: 200, include_all_metadata: true })
    : await client.conversations.history({ channel: where.channel, ...(oldest ? { oldest } : {}), limit: 200, include_all_metadata: true });
  const ours = page.messages?.find((m) => {
    const metadata = m.metadata as { event_type?: string; event_payload?: { key?: unknown } } | undefined;
    return metadata?.event_type === 'crisisroom_update' && metadata.event_payload?.key === where.key;
  });
  return ours?.ts;
}
