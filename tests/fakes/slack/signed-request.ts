// Requests as Slack sends them to an app's request URL, signed with the app's signing secret.
import { createHmac, randomBytes } from 'node:crypto';

export interface SignOptions {
  /** Unix seconds put in X-Slack-Request-Timestamp and the signature; default now. */
  timestamp?: number;
  /** Sends X-Slack-Retry-Num, as Slack does when it repeats a request the app did not answer in time. */
  retryNum?: number;
  /** X-Slack-Retry-Reason with retryNum; default http_timeout. */
  retryReason?: string;
  /** Sent as X-Slack-Signature instead of the real signature. */
  signatureOverride?: string;
}

export interface SignedResponse {
  status: number;
  body: string;
  /** Milliseconds from sending to the whole answer. */
  ms: number;
}

export interface SlashCommandFields {
  command?: string;
  text: string;
  user_id: string;
  user_name?: string;
  team_id: string;
  channel_id: string;
  channel_name?: string;
  trigger_id?: string;
  response_url: string;
  api_app_id?: string;
}

/** The v0 signature: `v0=` and the hex HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** A trigger_id in the format Slack documents ("132456.7890123.abcdef"), which the fake's views.open accepts once. */
export function triggerId(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).readUInt32BE()}.${randomBytes(16).toString('hex')}`;
}

async function send(url: string, secret: string, body: string, contentType: string, opts: SignOptions): Promise<SignedResponse> {
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'Content-Type': contentType,
    'X-Slack-Request-Timestamp': String(timestamp),
    'X-Slack-Signature': opts.signatureOverride ?? signature(secret, timestamp, body),
  };
  if (opts.retryNum !== undefined) {
    headers['X-Slack-Retry-Num'] = String(opts.retryNum);
    headers['X-Slack-Retry-Reason'] = opts.retryReason ?? 'http_timeout';
  }
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started };
}

/** A slash command, form-encoded as Slack posts it. */
export function slashCommand(url: string, secret: string, fields: SlashCommandFields, opts: SignOptions = {}): Promise<SignedResponse> {
  const form = new URLSearchParams(slashCommandPayload(fields));
  return send(url, secret, form.toString(), 'application/x-www-form-urlencoded', opts);
}

/** The fields of a slash command with Slack's defaults filled in: form-encoded over HTTP, JSON over Socket Mode. */
export function slashCommandPayload(fields: SlashCommandFields): Record<string, string> {
  return {
    command: fields.command ?? '/incident',
    text: fields.text,
    user_id: fields.user_id,
    user_name: fields.user_name ?? fields.user_id.toLowerCase(),
    team_id: fields.team_id,
    channel_id: fields.channel_id,
    channel_name: fields.channel_name ?? 'general',
    trigger_id: fields.trigger_id ?? triggerId(),
    response_url: fields.response_url,
    api_app_id: fields.api_app_id ?? 'A0FAKEAPP01',
    is_enterprise_install: 'false',
  };
}

/** An interaction (block_actions, view_submission, shortcuts): the JSON payload in a `payload` form field. */
export function interaction(url: string, secret: string, payload: object, opts: SignOptions = {}): Promise<SignedResponse> {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return send(url, secret, form.toString(), 'application/x-www-form-urlencoded', opts);
}

/** An Events API request (event_callback or url_verification), posted as JSON. */
export function event(url: string, secret: string, body: object, opts: SignOptions = {}): Promise<SignedResponse> {
  return send(url, secret, JSON.stringify(body), 'application/json', opts);
}

/** The payload of a message shortcut ("Add to incident timeline") on one message, as Slack sends it. */
export function messageShortcut(fields: {
  callbackId: string;
  responseUrl: string;
  user: { id: string; name: string };
  channel: { id: string; name: string };
  message: { user: string; ts: string; text: string };
  teamId?: string;
}): Record<string, unknown> {
  const team = fields.teamId ?? 'T0HOME';
  return {
    type: 'message_action',
    callback_id: fields.callbackId,
    trigger_id: triggerId(),
    response_url: fields.responseUrl,
    team: { id: team, domain: 'example' },
    user: { ...fields.user, team_id: team },
    channel: fields.channel,
    message: { type: 'message', ...fields.message },
    message_ts: fields.message.ts,
    action_ts: String(Date.now() / 1000),
  };
}
