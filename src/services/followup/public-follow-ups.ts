import type { Tx } from '../../db/client.ts';

/** An incident's follow-ups marked public, as the customer incident report names them: in the order they were added. */
export async function publicFollowUps(tx: Tx, incidentId: number): Promise<{ id: number; text: string; state: string; due: string | null }[]> {
  return tx.followUp.findMany({
    where: { incidentId, public: true },
    orderBy: { id: 'asc' },
    select: { id: true, text: true, state: true, due: true },
  });
}
