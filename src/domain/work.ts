// Work claimed with a lease (the outbox's deliveries, the jobs): what a work loop asks of the rows
// it claims and of the store that holds them. The database's side is db/claims.ts.

/** A claim on due work: by whom, at what time, until when, and how many rows at most. */
export interface Claim {
  worker: string;
  now: Date;
  leaseUntil: Date;
  limit: number;
}

/** What the work loop needs of one claimed piece of work. */
export interface WorkItem {
  id: number;
  /** Attempts so far, this claim counted. */
  attempts: number;
}

/** Where work waits, who holds it and until when, and how each attempt ended (the outbox of deliveries, the jobs). */
export interface WorkStore<Item extends WorkItem> {
  claim(claim: Claim): Promise<Item[]>;
  renew(ids: number[], worker: string, leaseUntil: Date): Promise<unknown>;
  nextDue(now: Date): Promise<Date | null>;
  /** `outcome` is what perform resolved to: 'already-delivered' when the platform had it already. */
  succeeded(id: number, worker: string, at: Date, outcome: 'delivered' | 'already-delivered', durationMs: number): Promise<boolean>;
  attemptFailed(id: number, worker: string, at: Date, error: string, retryAt: Date, durationMs: number): Promise<boolean>;
  abandoned(id: number, worker: string, at: Date, error: string, durationMs: number): Promise<boolean>;
  releaseDeadClaims(replica: string, self: string): Promise<number>;
}
