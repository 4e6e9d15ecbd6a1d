import type { Tx } from '../client.ts';

/** The names of the components an incident affects. */
export async function componentsOf(tx: Tx, incidentId: number): Promise<ReadonlySet<string>> {
  const affected = await tx.incidentComponent.findMany({ where: { incidentId }, select: { componentName: true } });
  return new Set(affected.map((a) => a.componentName));
}
