import { z } from 'zod';
import type { StatuspageSettings } from '../../config.ts';
import type { Clock } from '../../time/clock.ts';
import { PermanentDeliveryError, RetryLaterError } from '../target.ts';
import { setTimeout } from 'node:timers/promises';
import PQueue from 'p-queue';
import { retryAfterMs } from '../retry-after.ts';

const ComponentRecord = z.looseObject({ id: z.string(), name: z.string(), group: z.boolean().nullish() });
export type StatuspageComponent = z.infer<typeof ComponentRecord>;

const IncidentRecord = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  incident_updates: z.array(z.looseObject({ status: z.string(), body: z.string().nullish(), created_at: z.string().nullish() })).nullish(),
});
export type StatuspageIncident = z.infer<typeof IncidentRecord>;

const PageRecord = z.looseObject({ id: z.string(), name: z.string() });

const PostmortemRecord = z.looseObject({ body: z.string().nullish(), published_at: z.string().nullish() });

/** The fields of `{"incident": …}` crisisroom writes (create and update take the same ones). */
export interface IncidentWrite {
  name?: string;
  status: string;
  body: string;
  impact_override?: string;
  deliver_notifications: boolean;
  components: Record<string, string>;
  component_ids: string[];
  metadata?: Record<string, Record<string, string>>;
}

export interface StatuspageClientOptions extends StatuspageSettings {
  clock: Clock;
  /** The API allows about one request per second per key; production keeps the default. */
  minIntervalMs?: number;
  timeoutMs?: number;
  /** How long the page's component list is reused before it is read again. */
  componentsTtlMs?: number;
}

/** The API answers ErrorEntity `{"message": …}`; some answers carry `{"error": …}` instead. */
const ErrorBody = z.object({ message: z.string().optional(), error: z.union([z.string(), z.array(z.string())]).optional() });
const pageSize = 100;

/** One request, and what a 404 to it means: the page is gone, the incident is gone, or simply none yet. */
interface Call<T> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT';
  path: string;
  schema: z.ZodType<T>;
  /** Names the resource in error messages; never holds the key. */
  what: string;
  notFound: 'page' | 'incident' | 'absent';
  body?: unknown;
}

/** The part of Atlassian Statuspage's manage API (v1) that mirroring incidents needs. */
export function createStatuspageClient(options: StatuspageClientOptions) {
  const { apiKey, pageId, apiUrl, clock, timeoutMs = 15_000, componentsTtlMs = 60_000 } = options;
  // Statuspage allows one request a second per key, counted where it receives them. Requests go one
  // at a time, each `interval` after the previous one was answered: spacing measured from when a
  // request was sent would let a slow one (a new connection, a busy network) arrive right before the next.
  const interval = options.minIntervalMs ?? 1000;
  const oneAtATime = new PQueue({ concurrency: 1 });
  let readyAt = 0;
  const spaced = (send: () => Promise<Response>) =>
    oneAtATime.add(async () => {
      const wait = readyAt - performance.now();
      if (wait > 0) await setTimeout(wait);
      try {
        return await send();
      } finally {
        readyAt = Math.max(readyAt, performance.now() + interval);
      }
    });
  /** The platform asked for a pause (Retry-After): nobody sends before it is over. */
  const holdOff = (ms: number) => {
    readyAt = Math.max(readyAt, performance.now() + ms);
  };
  const pagePath = `/pages/${encodeURIComponent(pageId)}`;
  const incidentPath = (id: string) => `${pagePath}/incidents/${encodeURIComponent(id)}`;
  let cachedComponents: { at: number; components: StatuspageComponent[] } | null = null;

  /**
   * One request, spaced from the others. Failures come out as the worker understands them:
   * refusals retrying cannot fix are permanent; rate limits and server errors are retried.
   */
  function request<T>(call: Call<T> & { notFound: 'absent' }): Promise<T | null>;
  function request<T>(call: Call<T> & { notFound: 'page' | 'incident' }): Promise<T>;
  async function request<T>(call: Call<T>): Promise<T | null> {
    const { method, path, schema, what, body } = call;
    let response: Response;
    try {
      response = await spaced(() =>
        fetch(`${apiUrl}${path}`, {
          method,
          headers: { Authorization: `OAuth ${apiKey}`, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(timeoutMs),
        }),
      );
    } catch (error) {
      const reason =
        error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : String((error as Error).cause ?? error);
      throw new Error(`Statuspage unreachable (${method} ${what}): ${reason}`);
    }
    const text = await response.text();
    if (response.ok) {
      const parsed = schema.safeParse(parseJson(text));
      if (!parsed.success) throw new Error(`Statuspage answered ${method} ${what} with an unexpected body: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    }
    if (response.status === 404 && call.notFound === 'absent') return null;
    const detail = describeError(text);
    const status = response.status;
    if (status === 401 || status === 403) {
      throw new PermanentDeliveryError(`Statuspage refused the API key (HTTP ${status}${detail}): check STATUSPAGE_API_KEY and its access to page ${pageId}`);
    }
    if (status === 404) {
      throw new PermanentDeliveryError(
        call.notFound === 'page' ? `Statuspage page ${pageId} was not found: check STATUSPAGE_PAGE_ID` : `Statuspage ${what} no longer exists (deleted there?)`,
      );
    }
    if (status === 400 || status === 422) throw new PermanentDeliveryError(`Statuspage rejected ${method} ${what} (HTTP ${status}${detail})`);
    const wait = retryAfterMs(response.headers.get('retry-after') ?? undefined, clock.now());
    const limited = status === 420 || status === 429;
    if (limited || status >= 500) {
      const message = `Statuspage ${limited ? 'rate limit' : 'server error'} (HTTP ${status}${detail}) on ${method} ${what}`;
      if (wait === null) throw new Error(message);
      holdOff(wait);
      throw new RetryLaterError(message, wait);
    }
    throw new Error(`Statuspage answered ${method} ${what} with HTTP ${status}${detail}`);
  }

  return {
    /** The page itself: whether the key may reach it, and its name. */
    page: () => request({ method: 'GET', path: pagePath, schema: PageRecord, what: 'page', notFound: 'page' }),
    /** Every component of the page (groups included), read at most once per TTL. */
    async components(): Promise<StatuspageComponent[]> {
      const now = clock.now().getTime();
      if (cachedComponents && now - cachedComponents.at < componentsTtlMs) return cachedComponents.components;
      const all: StatuspageComponent[] = [];
      for (let page = 1; ; page += 1) {
        const batch = await request({
          method: 'GET',
          path: `${pagePath}/components?page=${page}&per_page=${pageSize}`,
          schema: z.array(ComponentRecord),
          what: 'components',
          notFound: 'page',
        });
        all.push(...batch);
        if (batch.length < pageSize) break;
      }
      cachedComponents = { at: now, components: all };
      return all;
    },
    /** The page's most recent incidents, newest first (one page of up to 100). */
    recentIncidents: () =>
      request({ method: 'GET', path: `${pagePath}/incidents?limit=${pageSize}&page=1`, schema: z.array(IncidentRecord), what: 'incidents', notFound: 'page' }),
    getIncident: (id: string) => request({ method: 'GET', path: incidentPath(id), schema: IncidentRecord, what: `incident ${id}`, notFound: 'incident' }),
    createIncident: (incident: IncidentWrite) =>
      request({ method: 'POST', path: `${pagePath}/incidents`, schema: IncidentRecord, what: 'incidents', notFound: 'page', body: { incident } }),
    updateIncident: (id: string, incident: IncidentWrite) =>
      request({ method: 'PATCH', path: incidentPath(id), schema: IncidentRecord, what: `incident ${id}`, notFound: 'incident', body: { incident } }),
    /** The incident's postmortem, or null when it has none. */
    getPostmortem: (id: string) =>
      request({ method: 'GET', path: `${incidentPath(id)}/postmortem`, schema: PostmortemRecord, what: `incident ${id} postmortem`, notFound: 'absent' }),
    /** Writes the postmortem's draft, then publishes it (Statuspage keeps the two steps apart). */
    async publishPostmortem(id: string, body: string, notify: boolean): Promise<void> {
      const path = `${incidentPath(id)}/postmortem`;
      await request({
        method: 'PUT',
        path,
        schema: PostmortemRecord,
        what: `incident ${id} postmortem`,
        notFound: 'incident',
        body: { postmortem: { body_draft: body } },
      });
      const publish = { postmortem: { notify_subscribers: notify, notify_twitter: false } };
      await request({
        method: 'PUT',
        path: `${path}/publish`,
        schema: PostmortemRecord,
        what: `incident ${id} postmortem`,
        notFound: 'incident',
        body: publish,
      });
    },
  };
}

export type StatuspageClient = ReturnType<typeof createStatuspageClient>;

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return undefined;
  }
}

/** The API's own words about a refusal, to put after the status: ": Could not authenticate". */
function describeError(text: string): string {
  const parsed = ErrorBody.safeParse(parseJson(text));
  if (!parsed.success) return '';
  const message = parsed.data.message ?? [parsed.data.error ?? []].flat().join('; ');
  return message ? `: ${message.slice(0, 300)}` : '';
}
