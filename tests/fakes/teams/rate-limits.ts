/**
 * Teams' documented limits on a bot's calls to the Bot Connector: per conversation thread, 7 in
 * any second, 8 in 2 seconds, 60 in 30 seconds and 1,800 in an hour; and per app in a tenant, 50
 * requests a second. Only calls Teams accepts count, as in Slack's fake.
 */
const threadWindows = [
  { ms: 1000, max: 7 },
  { ms: 2000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1800 },
];

export function createTeamsRateLimits(options: { tenantPerSecond?: number } = {}) {
  const calls = new Map<string, number[]>();
  const tenantKey = '(tenant)';

  function recent(key: string, within: number, now: number): number {
    const times = calls.get(key) ?? [];
    let count = 0;
    for (let i = times.length - 1; i >= 0 && now - times[i]! < within; i--) count++;
    return count;
  }

  return {
    /** Whether a call to this conversation (a channel, or a thread of it) is taken now; taken calls count. */
    take(conversationId: string): boolean {
      const thread = conversationId.split(';')[0]!;
      const now = performance.now();
      if (threadWindows.some((w) => recent(thread, w.ms, now) >= w.max)) return false;
      if (options.tenantPerSecond !== undefined && recent(tenantKey, 1000, now) >= options.tenantPerSecond) return false;
      for (const key of [thread, tenantKey]) {
        const times = calls.get(key) ?? [];
        times.push(now);
        // An hour is the longest window counted.
        while (times.length > 0 && now - times[0]! >= 3_600_000) times.shift();
        calls.set(key, times);
      }
      return true;
    },
  };
}
