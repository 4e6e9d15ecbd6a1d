/**
 * Work kept in order per key (an incident, a draft) while keys go on independently. A failure is
 * handed to its caller's handler and does not stop the work queued after it.
 */
export function createKeyedQueues() {
  const queues = new Map<number, Promise<void>>();
  return {
    run(key: number, work: () => Promise<void>, failed: (error: unknown) => void): Promise<void> {
      const next = (queues.get(key) ?? Promise.resolve()).then(work).catch(failed);
      queues.set(key, next);
      void next.finally(() => {
        if (queues.get(key) === next) queues.delete(key);
      });
      return next;
    },
    /** The work still queued, one promise per key. */
    pending: (): Promise<void>[] => [...queues.values()],
  };
}
