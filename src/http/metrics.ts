import type { IncomingMessage, ServerResponse } from 'node:http';
import { Gauge, Registry } from 'prom-client';
import type { ClockStatus } from '../time/verified-clock.ts';
import { type IncidentFigures, incidentCollectors } from './incident-metrics.ts';

/**
 * GET /metrics in Prometheus' text format: the clock's offset from its references (overall and per
 * reference) and whether it is trusted, and the incidents' counts and durations (incident-metrics.ts),
 * all read at scrape time.
 */
export function metricsRoute(clockStatus: () => ClockStatus | null, incidentFigures: () => Promise<IncidentFigures>) {
  const registry = new Registry();
  new Gauge({
    name: 'crisisroom_clock_offset_seconds',
    help: "The median offset of this machine's clock from its time references (positive: the machine is behind)",
    registers: [registry],
    collect() {
      const offset = clockStatus()?.offsetMs;
      if (offset !== null && offset !== undefined) this.set(offset / 1000);
    },
  });
  new Gauge({
    name: 'crisisroom_clock_reference_offset_seconds',
    help: "This machine's clock offset from one time reference, from its latest fresh sample",
    labelNames: ['reference'],
    registers: [registry],
    collect() {
      this.reset();
      for (const sample of clockStatus()?.samples ?? []) this.set({ reference: sample.reference }, sample.offsetMs / 1000);
    },
  });
  new Gauge({
    name: 'crisisroom_clock_trusted',
    help: '1 while the clock is trusted to stamp records and approve updates, 0 while it is refused',
    registers: [registry],
    collect() {
      this.set(clockStatus()?.trust.trusted === false ? 0 : 1);
    },
  });
  const incidents = incidentCollectors(registry);

  return (req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean> => {
    if ((req.url ?? '/').split('?', 1)[0] !== '/metrics') return false;
    // One read of the database per scrape, shared by every incident metric.
    return incidentFigures()
      .then(incidents.update, () => incidents.update(null))
      .then(() => registry.metrics())
      .then((text) => {
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        res.end(text);
        return true;
      });
  };
}
