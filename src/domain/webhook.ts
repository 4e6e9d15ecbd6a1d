/** How people name a webhook endpoint: W3. */
export function webhookId(number: number): string {
  return `W${number}`;
}

/** The delivery target name of a webhook endpoint: one delivery row per endpoint and publication. */
export function webhookTarget(endpointId: number): string {
  return `webhook:${endpointId}`;
}
