// One Statuspage page held in memory: its components and incidents, changed as the manage API would.
import { randomBytes } from 'node:crypto';
import type { IncidentInput } from './validation.ts';
import { scheduledStatuses } from './validation.ts';

export interface StoredComponent {
  id: string;
  name: string;
  status: string;
  group: boolean;
  group_id: string | null;
}

interface StoredUpdate {
  id: string;
  status: string;
  body: string;
  created_at: string;
  deliver_notifications: boolean;
  affected_components: { code: string; name: string; old_status: string; new_status: string }[];
}

export interface StoredIncident {
  id: string;
  name: string;
  status: string;
  impact: string;
  impact_override: string | null;
  metadata: Record<string, unknown>;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  component_ids: string[];
  /** Newest first, as the API lists them. */
  incident_updates: StoredUpdate[];
  postmortem: { body_draft: string | null; body: string | null; published_at: string | null; notify_subscribers: boolean | null };
}

/** A refusal the API would answer with 422 and this ErrorEntity message. */
export class Unprocessable extends Error {}

const code = () =>
  randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')
    .slice(0, 12);
const stamp = () => new Date().toISOString();

export class FakePage {
  readonly components: StoredComponent[];
  readonly incidents: StoredIncident[] = [];

  constructor(components: readonly { name: string; group?: string }[]) {
    const groups = new Map<string, StoredComponent>();
    this.components = [];
    for (const seed of components) {
      let group = seed.group ? groups.get(seed.group) : undefined;
      if (seed.group && !group) {
        group = { id: code(), name: seed.group, status: 'operational', group: true, group_id: null };
        groups.set(seed.group, group);
        this.components.push(group);
      }
      this.components.push({ id: code(), name: seed.name, status: 'operational', group: false, group_id: group?.id ?? null });
    }
  }

  incident(id: string): StoredIncident | undefined {
    return this.incidents.find((incident) => incident.id === id);
  }

  create(input: IncidentInput & { name: string }): StoredIncident {
    if (input.status && (scheduledStatuses as readonly string[]).includes(input.status) && !input.scheduled_for) {
      throw new Unprocessable(`Status "${input.status}" is for scheduled maintenance and needs scheduled_for`);
    }
    const now = stamp();
    const incident: StoredIncident = {
      id: code(),
      name: input.name,
      status: input.status ?? 'investigating',
      impact: input.impact_override ?? 'none',
      impact_override: input.impact_override ?? null,
      metadata: input.metadata ?? {},
      created_at: now,
      updated_at: now,
      resolved_at: null,
      component_ids: [],
      incident_updates: [],
      postmortem: { body_draft: null, body: null, published_at: null, notify_subscribers: null },
    };
    this.apply(incident, input, true);
    this.incidents.unshift(incident);
    return incident;
  }

  update(incident: StoredIncident, input: IncidentInput): StoredIncident {
    if (input.status && (scheduledStatuses as readonly string[]).includes(input.status)) {
      throw new Unprocessable(`Status "${input.status}" is not valid for a realtime incident`);
    }
    this.apply(incident, input, false);
    return incident;
  }

  /** Status, components and metadata change the incident; a body (or a new status) adds an incident update. */
  private apply(incident: StoredIncident, input: IncidentInput, creating: boolean): void {
    for (const id of [...Object.keys(input.components ?? {}), ...(input.component_ids ?? [])]) {
      if (!this.components.some((c) => c.id === id && !c.group)) throw new Unprocessable(`Component ${id} was not found on this page`);
    }
    const now = stamp();
    const affected = Object.entries(input.components ?? {}).flatMap(([id, status]) => {
      const component = this.components.find((c) => c.id === id)!;
      if (!status || component.status === status) return [];
      const change = { code: id, name: component.name, old_status: component.status, new_status: status };
      component.status = status;
      return [change];
    });
    if (input.name !== undefined) incident.name = input.name;
    if (input.impact_override !== undefined) incident.impact = incident.impact_override = input.impact_override;
    if (input.metadata !== undefined) incident.metadata = input.metadata;
    if (input.component_ids !== undefined) incident.component_ids = [...new Set(input.component_ids)];
    for (const change of affected) if (!incident.component_ids.includes(change.code)) incident.component_ids.push(change.code);
    const statusChanged = input.status !== undefined && input.status !== incident.status;
    if (input.status !== undefined) incident.status = input.status;
    if (incident.status === 'resolved' && !incident.resolved_at) incident.resolved_at = now;
    if (creating || input.body !== undefined || statusChanged) {
      incident.incident_updates.unshift({
        id: code(),
        status: incident.status,
        body: input.body ?? '',
        created_at: now,
        deliver_notifications: input.deliver_notifications ?? true,
        affected_components: affected,
      });
    }
    incident.updated_at = now;
  }

  /** The incident as the API answers it: components in full, metadata as stored. */
  view(incident: StoredIncident) {
    const { postmortem, component_ids, ...rest } = incident;
    return {
      ...rest,
      page_id: 'fake',
      shortlink: `http://stspg.io/${incident.id}`,
      postmortem_body: postmortem.body,
      postmortem_published_at: postmortem.published_at,
      components: component_ids.map((id) => this.components.find((c) => c.id === id)!),
    };
  }
}
