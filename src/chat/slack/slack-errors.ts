// What a failed Slack Web API call said, read the same way by every caller.

/** The `error` of a Slack Web API refusal (e.g. `name_taken`), if that is what was thrown. */
export function slackError(error: unknown): string | undefined {
  return (error as { data?: { error?: string } }).data?.error;
}

/** What a rate-limited Slack call said to wait, in ms, when it said (WebClient's rate-limited error). */
export function slackRetryAfterMs(error: unknown): number | undefined {
  const seconds = (error as { retryAfter?: unknown } | null)?.retryAfter;
  return typeof seconds === 'number' ? seconds * 1000 : undefined;
}

/** Refusals of a channel or of the app's rights that no retry can change, whatever the call. */
export const refusedForGood: readonly string[] = [
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'missing_scope',
  'restricted_action',
];
