import type { ComponentState } from '../../src/domain/component.ts';
import type { PublicIncident, PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { computeUptime } from '../../src/domain/public-page/uptime.ts';
import { takeBlipSnapshot } from './fixtures.ts';

const hour = 3_600_000;
const titles = [
  'Instability when sending and receiving messages on WhatsApp and Instagram channels',
  'Delay in Analytics reports and dashboards for some contracts',
  'Intermittent errors when opening the Portal and logging in with single sign-on',
  'Degraded performance of the Artificial Intelligence intent recognition',
  'Partial unavailability of the Cloud Infrastructure in one availability zone',
];
const body =
  'We are investigating reports of failures affecting some customers. Our engineering team is working to identify the cause and restore normal operation as quickly as possible. Next update within 30 minutes.';

/**
 * A page after a bad quarter: `count` incidents spread over the last 90 days (three updates each, long
 * titles and bodies), the latest still open, and the uptime bars that follow from them.
 */
export function busySnapshot(count = 40): PublicSnapshot {
  const base = takeBlipSnapshot();
  const names = base.components.map((component) => component.name);
  const now = base.builtAt.getTime();
  const states: ComponentState[] = ['degraded_performance', 'partial_outage', 'major_outage'];
  let updateId = 1;
  const incidents: PublicIncident[] = [];
  for (let i = 0; i < count; i++) {
    const start = now - Math.round(((count - i) / count) * 88 * 24 * hour) - 5 * hour;
    const affected = [names[i % names.length]!, names[(i * 3 + 1) % names.length]!];
    const state = states[i % states.length]!;
    const open = i === count - 1;
    const times = [start + 0.3 * hour, start + hour, start + (1.5 + (i % 4)) * hour];
    const statuses = ['investigating', 'identified', open ? 'monitoring' : 'resolved'] as const;
    const updates = statuses.map((status, k) => ({
      id: updateId + k,
      status,
      body,
      publishedAt: new Date(times[k]!),
      affectedComponents:
        k === 0
          ? affected.map((name) => ({ name, oldStatus: 'operational' as const, newStatus: state }))
          : k === 2 && !open
            ? affected.map((name) => ({ name, oldStatus: state, newStatus: 'operational' as const }))
            : [],
    }));
    updateId += 3;
    incidents.push({
      number: 2000 + i,
      title: titles[i % titles.length]!,
      status: updates[2]!.status,
      impact: (['minor', 'major', 'critical'] as const)[i % 3]!,
      createdAt: updates[0]!.publishedAt,
      updatedAt: updates[2]!.publishedAt,
      startedAt: new Date(start),
      impactStart: new Date(start),
      impactEnd: open ? null : new Date(times[2]!),
      monitoringAt: open ? updates[2]!.publishedAt : null,
      resolvedAt: open ? null : updates[2]!.publishedAt,
      components: affected.sort((a, b) => names.indexOf(a) - names.indexOf(b)),
      updates: [...updates].reverse(),
      report: null,
      related: [],
    });
  }
  incidents.reverse();
  // The open incident still holds its components in the state it published.
  const latest = incidents[0]!.updates.at(-1)!.affectedComponents;
  const components = base.components.map((component) => ({
    ...component,
    status: latest.find((change) => change.name === component.name)?.newStatus ?? ('operational' as const),
  }));
  const uptime = computeUptime({ now: base.builtAt, zone: base.page.timeZone, components, incidents });
  return { ...base, components, incidents, uptime };
}
