import { createHash } from 'node:crypto';
import type { ComponentState } from '../component.ts';
import type { PublicComponent } from './snapshot.ts';

interface ComponentGroup {
  kind: 'group';
  id: string;
  name: string;
  members: PublicComponent[];
}

interface LoneComponent {
  kind: 'component';
  component: PublicComponent;
}

export type PageEntry = ComponentGroup | LoneComponent;

/**
 * The page's components as they are laid out: a group sits where its first member would, and its
 * members follow it together even when their positions are interleaved with other components.
 */
export function layoutComponents(components: readonly PublicComponent[]): PageEntry[] {
  const ordered = [...components].sort((a, b) => a.position - b.position);
  const groupId = groupIdAllocator();
  const entries: PageEntry[] = [];
  const groups = new Map<string, ComponentGroup>();
  for (const component of ordered) {
    if (component.group === null) {
      entries.push({ kind: 'component', component });
      continue;
    }
    let group = groups.get(component.group);
    if (!group) {
      group = { kind: 'group', id: groupId(component.group), name: component.group, members: [] };
      groups.set(component.group, group);
      entries.push(group);
    }
    group.members.push(component);
  }
  return entries;
}

/**
 * Groups have no id of their own in the configuration, so one is derived from the name: stable across
 * rebuilds, readable, and disambiguated by a hash only when two names slug alike.
 */
function groupIdAllocator(): (name: string) => string {
  const taken = new Set<string>();
  return (name) => {
    const slug = slugify(name);
    let id = slug ? `grp-${slug}` : `grp-${shortHash(name)}`;
    if (taken.has(id)) id = `${id}-${shortHash(name)}`;
    taken.add(id);
    return id;
  };
}

export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 8);
}

const severityOrder: readonly ComponentState[] = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'];

/** A group shows its worst member, as Statuspage does. */
export function worstState(states: readonly ComponentState[]): ComponentState {
  return states.reduce<ComponentState>((worst, state) => (severityOrder.indexOf(state) > severityOrder.indexOf(worst) ? state : worst), 'operational');
}
