import type { StatuspageSettings } from '../../config.ts';
import { createStatuspageClient } from '../../delivery/statuspage-io/client.ts';
import type { Clock } from '../../time/clock.ts';
import { type CheckLine, fail, pass, reasonOf } from './check-line.ts';
import { maskSecret } from './mask.ts';

/**
 * Reads the configured page with the key, through the client the delivery worker uses: its
 * refusals (401/403: the key; 404: the page) are the ones an approved update would meet.
 */
export async function checkStatuspage(settings: StatuspageSettings, clock: Clock, timeoutMs = 10_000): Promise<CheckLine[]> {
  const client = createStatuspageClient({ ...settings, clock, minIntervalMs: 0, timeoutMs });
  try {
    const page = await client.page();
    return [pass('statuspage', `key ${maskSecret(settings.apiKey)} reads page "${page.name}" (${settings.pageId}) at ${settings.apiUrl}`)];
  } catch (error) {
    return [fail('statuspage', reasonOf(error))];
  }
}
