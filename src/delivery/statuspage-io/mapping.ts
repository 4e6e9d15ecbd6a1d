import type { ComponentState } from '../../domain/component.ts';
import { type IncidentStatus, impacts } from '../../domain/incident.ts';
import type { StatuspagePublication } from '../../db/stores/statuspage-links.ts';
import type { IncidentWrite, StatuspageComponent, StatuspageIncident } from './client.ts';

// Spelled out rather than passed through, so a status or state added on our side fails to compile here.
const statusOnStatuspage: Record<IncidentStatus, string> = {
  investigating: 'investigating',
  identified: 'identified',
  monitoring: 'monitoring',
  resolved: 'resolved',
};
const componentStatusOnStatuspage: Record<ComponentState, string> = {
  operational: 'operational',
  degraded_performance: 'degraded_performance',
  partial_outage: 'partial_outage',
  major_outage: 'major_outage',
  under_maintenance: 'under_maintenance',
};

/** Our components matched to theirs by name (case and surrounding spaces ignored); groups cannot be matched. */
export function matchComponents(names: readonly string[], theirs: readonly StatuspageComponent[]) {
  const key = (name: string) => name.trim().toLowerCase();
  const byName = new Map(theirs.filter((c) => !c.group).map((c) => [key(c.name), c.id]));
  const ids = new Map<string, string>();
  const missing: string[] = [];
  for (const name of names) {
    const id = byName.get(key(name));
    if (id) ids.set(name, id);
    else missing.push(name);
  }
  return { ids, missing };
}

/** What we keep on their incident to find it again after a crash; top-level values must be objects. */
function metadataFor(incidentRef: string, idempotencyKey: string) {
  return { crisisroom: { incident_id: incidentRef, idempotency_key: idempotencyKey } };
}

/** Their incident that mirrors ours, found by the metadata we put on it, and whether this very delivery created it. */
export function findMirror(incidents: readonly StatuspageIncident[], incidentRef: string, idempotencyKey: string) {
  const ours = (incident: StatuspageIncident) => {
    const mark = incident.metadata?.crisisroom as { incident_id?: unknown; idempotency_key?: unknown } | undefined;
    return mark && typeof mark === 'object' ? mark : null;
  };
  const exact = incidents.find((incident) => ours(incident)?.idempotency_key === idempotencyKey);
  if (exact) return { incident: exact, createdByThisDelivery: true };
  const mirror = incidents.find((incident) => ours(incident)?.incident_id === incidentRef);
  return mirror ? { incident: mirror, createdByThisDelivery: false } : null;
}

/** The incident fields of one update: create sends them with the name and metadata, update without. */
export function incidentWrite(loaded: StatuspagePublication, ids: ReadonlyMap<string, string>): IncidentWrite {
  const { publication } = loaded;
  const components: Record<string, string> = {};
  for (const change of publication.componentChanges) {
    const id = ids.get(change.name);
    if (id) components[id] = componentStatusOnStatuspage[change.newState];
  }
  return {
    status: statusOnStatuspage[publication.status],
    body: publication.body,
    ...((impacts as readonly string[]).includes(publication.impact) ? { impact_override: publication.impact } : {}),
    deliver_notifications: true,
    components,
    component_ids: loaded.componentNames.flatMap((name) => ids.get(name) ?? []),
  };
}

export function incidentCreate(loaded: StatuspagePublication, ids: ReadonlyMap<string, string>, idempotencyKey: string): IncidentWrite {
  return { name: loaded.incident.title, ...incidentWrite(loaded, ids), metadata: metadataFor(loaded.incident.ref, idempotencyKey) };
}

/**
 * Whether their incident's newest update already is this one: an update whose answer was lost
 * arrived, and sending it again would show the same text twice to their subscribers.
 */
export function alreadyPosted(incident: StatuspageIncident, loaded: StatuspagePublication): boolean {
  const at = (update: { created_at?: string | null }) => Date.parse(update.created_at ?? '') || 0;
  const updates = [...(incident.incident_updates ?? [])].sort((a, b) => at(b) - at(a));
  const newest = updates[0];
  return Boolean(newest && newest.status === statusOnStatuspage[loaded.publication.status] && newest.body === loaded.publication.body);
}
