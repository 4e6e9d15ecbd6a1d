// Slash commands as durable work: recorded before Slack is told they were received, done by the job
// loop (after a restart too), answered through their response URL, each change made once.
import type { SlashCommand } from '@slack/bolt';
import { z } from 'zod';
import { PermanentDeliveryError, RetryLaterError } from '../../delivery/target.ts';
import { retryAfterMs } from '../../delivery/retry-after.ts';
import { type Admission, createCommandRecorder } from '../../services/inbound-commands.ts';
import { commandOrigins } from '../../services/room-work.ts';
import type { Job, JobStore } from '../../db/stores/jobs.ts';
import type { Clock } from '../../time/clock.ts';
import { escapeMrkdwn } from './blocks/mrkdwn.ts';

export const commandJobKind = 'slack.command';

/** What a command's job keeps of Slack's payload: all it needs to be done and answered later. */
export const StoredCommand = z.object({
  text: z.string(),
  user_id: z.string(),
  team_id: z.string(),
  channel_id: z.string(),
  channel_name: z.string(),
  trigger_id: z.string(),
  response_url: z.url(),
});
export type StoredCommand = z.infer<typeof StoredCommand>;

/** The request key of a command: Slack's trigger id names one invocation, whatever its retries. */
export const commandKey = (command: Pick<StoredCommand, 'trigger_id'>) => `slack:command:${command.trigger_id}`;

export interface CommandJobs {
  /** Records the command, or says why not (a repeat of one recorded, or too many waiting). */
  admit(command: SlashCommand): Promise<Admission>;
  /** Seconds to come back after, with this many commands waiting. */
  retryAfterSeconds(waiting: number): number;
  /** Runs one recorded command: `answer` does it and says what to reply; the reply is sent once done. */
  perform(job: Job, answer: (command: StoredCommand) => Promise<string>): Promise<void>;
}

export function createCommandJobs(options: {
  services: Parameters<typeof createCommandRecorder>[0];
  jobs: JobStore;
  clock: Clock;
  limit: number;
  concurrency: number;
  wake(): void;
  timeoutMs?: number;
}): CommandJobs {
  const { jobs, concurrency } = options;
  const recorder = createCommandRecorder(options.services, jobs, options.limit);
  // How long one command takes, on average, so a person turned away is told when to come back.
  let averageMs = 100;
  return {
    async admit(command) {
      const payload = StoredCommand.parse(command);
      // One person's commands run in the order they were typed; people do not wait for each other.
      const queue = `slack:command:${payload.team_id}:${payload.user_id}`;
      const admission = await recorder.record({ requestKey: commandKey(payload), job: { kind: commandJobKind, queue, payload } });
      if (admission.outcome === 'recorded') options.wake();
      return admission;
    },
    retryAfterSeconds: (waiting) => Math.max(1, Math.ceil((waiting * averageMs) / concurrency / 1000)),
    async perform(job, answer) {
      const started = performance.now();
      const command = StoredCommand.parse(JSON.parse(job.payload));
      const kept = job.result === null ? null : z.object({ reply: z.string() }).parse(JSON.parse(job.result));
      // The room work the command causes knows who typed it: what must be given up is told to them.
      const reply = kept?.reply ?? (await commandOrigins.run({ platform: 'slack', origin: { user: command.user_id } }, () => answer(command)));
      if (!kept) await jobs.keepResult(job.id, { reply });
      await respond(command.response_url, reply, options.clock, options.timeoutMs ?? 10_000);
      averageMs = 0.9 * averageMs + 0.1 * (performance.now() - started);
    },
  };
}

/** The reply, visible only to the person who typed the command, through the command's response URL. */
async function respond(url: string, text: string, clock: Clock, timeoutMs: number): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ response_type: 'ephemeral', text: escapeMrkdwn(text) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`Slack's response URL did not answer: ${(error as Error).cause ?? (error as Error).message}`);
  }
  await response.body?.cancel();
  if (response.ok) return;
  // A response URL lives 30 minutes and takes five answers; after that nothing can reach the person there.
  if (response.status === 404 || response.status === 410)
    throw new PermanentDeliveryError(`Slack's response URL no longer takes answers (HTTP ${response.status})`);
  const wait = retryAfterMs(response.headers.get('retry-after') ?? undefined, clock.now());
  const message = `Slack's response URL answered HTTP ${response.status}`;
  throw wait === null ? new Error(message) : new RetryLaterError(message, wait);
}
