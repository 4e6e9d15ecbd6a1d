import type { TimeReference } from '../time/verified-clock.ts';

/**
 * A platform's API as a time reference: the `Date` header of any answer (RFC 9110, whole seconds).
 * The header is truncated to the second, so the true time lies up to a second after it; the middle
 * of that second is the best guess.
 */
export function httpDateReference(name: string, url: string, timeoutMs = 5000): TimeReference {
  return {
    name,
    read: async () => {
      const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel();
      const header = response.headers.get('date');
      const time = header ? Date.parse(header) : Number.NaN;
      if (Number.isNaN(time)) throw new Error(`${name} sent no readable Date header`);
      return { time: time + 500, resolutionMs: 500 };
    },
  };
}
