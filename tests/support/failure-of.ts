/** What a promise was rejected with, or null when it resolved: a failure to assert on without a try. */
export function failureOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => null,
    (error: unknown) => error,
  );
}
