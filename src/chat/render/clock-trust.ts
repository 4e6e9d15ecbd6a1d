/** What the operations channels are told when the verified clock stops, or starts again, being trusted. */
export function clockTrustNotice(trust: { trusted: true } | { trusted: false; reason: string }): string {
  return trust.trusted
    ? 'The clock is trusted again: stamping and approvals work again.'
    : `${trust.reason}. crisisroom stamps nothing and approves no public update until it is right again; the status page keeps serving what was published.`;
}
