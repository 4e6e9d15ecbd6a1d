/**
 * The roles of an incident. The commander leads and is kept on the incident itself; the others are
 * held one person each (IncidentRole). crisisroom ships three, and the configuration's `roles` may
 * change what they say or whether they approve, and add its own.
 */
export interface RoleDefinition {
  /** How it is typed: `/incident role communications @bob`. */
  name: string;
  /** How it is said: "communications lead". */
  title: string;
  description: string;
  /** Whether its holder may approve (and reject, and edit) the incident's public updates. */
  mayApprove: boolean;
}

export const commanderRole = 'commander';

const shippedRoles: readonly RoleDefinition[] = [
  { name: commanderRole, title: 'commander', description: 'leads the response and has the last word', mayApprove: true },
  { name: 'communications', title: 'communications lead', description: 'writes what customers hear, and when', mayApprove: true },
  { name: 'scribe', title: 'scribe', description: 'keeps the timeline: what happened, when, and the key moments', mayApprove: false },
];

/** A role as the configuration names it: what it leaves out is the shipped role's, or a default. */
export interface ConfiguredRole {
  name: string;
  title?: string | undefined;
  description?: string | undefined;
  mayApprove?: boolean | undefined;
}

/** The shipped roles as the configuration changes them (by name, keeping their order), then the ones it adds. */
export function rolesOf(configured: readonly ConfiguredRole[]): RoleDefinition[] {
  const merged = (base: RoleDefinition, role: ConfiguredRole | undefined): RoleDefinition => ({
    name: base.name,
    title: role?.title ?? base.title,
    description: role?.description ?? base.description,
    mayApprove: role?.mayApprove ?? base.mayApprove,
  });
  const shipped = shippedRoles.map((role) =>
    merged(
      role,
      configured.find((c) => c.name === role.name),
    ),
  );
  const added = configured.filter((role) => !shippedRoles.some((s) => s.name === role.name));
  return [...shipped, ...added.map((role) => merged({ name: role.name, title: role.name, description: '', mayApprove: false }, role))];
}
