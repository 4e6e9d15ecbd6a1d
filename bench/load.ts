// A load generator in its own process (so it does not share the server's event loop): autocannon
// against one URL, optionally sending signed `/incident` slash commands. Prints autocannon's JSON result.
import { createHmac, randomBytes } from 'node:crypto';
import autocannon, { type Request } from 'autocannon';

const [url, connections, seconds, secret, text, responseUrl] = process.argv.slice(2);
if (!url || !connections || !seconds) {
  console.error('usage: node bench/load.ts <url> <connections> <seconds> [<signing secret> <command text> <response url>]');
  process.exit(1);
}

function signedCommand(note: string): { headers: Record<string, string>; body: string } {
  const body = new URLSearchParams({
    command: '/incident',
    text: note,
    user_id: 'U0ALICE',
    user_name: 'alice',
    team_id: 'T0HOME',
    channel_id: 'C0GENERAL',
    channel_name: 'general',
    trigger_id: `${Math.floor(Math.random() * 1e6)}.${Math.floor(Math.random() * 1e6)}.${randomBytes(8).toString('hex')}`,
    response_url: responseUrl!,
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', secret!).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
  };
}

// Slack's acknowledgement is an empty 200; a 200 with a message is crisisroom turning the command away.
// Each note is its own, so every acknowledged one can be looked for on the timeline afterwards.
const answers = { acknowledged: [] as string[], turnedAway: 0 };
const result = await autocannon({
  url,
  connections: Number(connections),
  duration: Number(seconds),
  ...(secret
    ? {
        method: 'POST' as const,
        requests: [
          {
            setupRequest: (request: Request, context: { note?: string }) => {
              context.note = `${text!} ${randomBytes(6).toString('hex')}`;
              return { ...request, ...signedCommand(context.note) };
            },
            onResponse: (status: number, body: string, context: { note?: string }) => {
              if (status !== 200) return;
              if (body === '') answers.acknowledged.push(context.note!);
              else answers.turnedAway += 1;
            },
          },
        ],
      }
    : {}),
});
process.stdout.write(JSON.stringify({ requests: result.requests, latency: result.latency, non2xx: result.non2xx, errors: result.errors, ...answers }));
