import { withMaintenance } from '../../src/domain/public-page/page-status.ts';
import type { PublicMaintenance, PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { takeBlipSnapshot } from './fixtures.ts';

const at = (iso: string) => new Date(iso);

/** Completed a week before builtAt (2021-09-13 12:20:30 -03:00), in progress at builtAt, and upcoming. */
export function maintenances(): PublicMaintenance[] {
  return [
    {
      id: 'MNT-2',
      title: 'Certificate rotation',
      status: 'completed',
      scheduledFor: at('2021-09-05T05:00:00Z'),
      scheduledUntil: at('2021-09-05T06:00:00Z'),
      components: [],
      createdAt: at('2021-09-01T12:00:00Z'),
      updatedAt: at('2021-09-05T06:00:00Z'),
    },
    {
      id: 'MNT-3',
      title: 'Core database upgrade',
      status: 'in_progress',
      scheduledFor: at('2021-09-13T15:00:00Z'),
      scheduledUntil: at('2021-09-13T17:00:00Z'),
      components: ['CRM', 'Analytics'],
      createdAt: at('2021-09-10T12:00:00Z'),
      updatedAt: at('2021-09-13T15:00:00Z'),
    },
    {
      id: 'MNT-4',
      title: 'Portal <b>migration</b> & "cleanup"',
      status: 'scheduled',
      scheduledFor: at('2021-09-20T05:00:00Z'),
      scheduledUntil: at('2021-09-20T07:00:00Z'),
      components: ['CRM', 'Portal'],
      createdAt: at('2021-09-13T14:00:00Z'),
      updatedAt: at('2021-09-13T14:00:00Z'),
    },
  ];
}

/** The Take Blip page with maintenance, components shown as loadPublicSnapshot shows them. */
export function maintenanceSnapshot(): PublicSnapshot {
  const snapshot = takeBlipSnapshot();
  snapshot.maintenances = maintenances();
  snapshot.components = withMaintenance(snapshot.components, snapshot.maintenances);
  return snapshot;
}

/** The same page once the incident is over and every component recovered: only maintenance is left. */
export function quietMaintenanceSnapshot(): PublicSnapshot {
  const snapshot = takeBlipSnapshot();
  snapshot.incidents = snapshot.incidents.map((incident) => ({ ...incident, status: 'resolved' }));
  snapshot.components = snapshot.components.map((component) => ({ ...component, status: 'operational' }));
  snapshot.maintenances = maintenances();
  snapshot.components = withMaintenance(snapshot.components, snapshot.maintenances);
  return snapshot;
}
