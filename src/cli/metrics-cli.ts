import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { CrisisError, errorMessage } from '../domain/errors.ts';
import { SinceSpan } from '../domain/metrics-period.ts';
import { databaseMetrics } from '../services/metrics/database-metrics.ts';
import { timeReferences } from '../services/time-references.ts';
import { isValidTimeZone } from '../time/format.ts';
import { createVerifiedClock } from '../time/verified-clock.ts';
import { type CliCommand, CommandFailure, UsageError } from './command.ts';
import { metricsCsv, metricsJson, metricsText } from './metrics-formats.ts';
import { metricsHtml } from './metrics-html.ts';

const formats = ['table', 'csv', 'json', 'html'] as const;

const MetricsOptions = z.object({
  since: SinceSpan.optional(),
  component: z.string().trim().min(1, '--component needs a component name, like CRM.').optional(),
  format: z
    .enum(formats, { error: (issue) => `--format must be ${formats.slice(0, -1).join(', ')} or ${formats.at(-1)} (got "${String(issue.input)}").` })
    .default('table'),
  out: z.string().min(1, '--out needs a file name.').default('crisisroom-metrics.html'),
  tz: z
    .string()
    .refine(isValidTimeZone, { error: (issue) => `--tz must be an IANA zone such as America/Sao_Paulo (got "${String(issue.input)}").` })
    .optional(),
});

export const metricsCli: CliCommand = {
  synopsis: 'metrics',
  summary: 'Incident metrics by severity, component and month: a table, CSV, JSON, or an HTML report with charts',
  options: {
    since: { type: 'string', help: 'metrics: only incidents declared in this span back from now: 90d, 12w, 48h (default: all)' },
    component: { type: 'string', help: 'metrics: only incidents on this component' },
    format: { type: 'string', help: 'metrics: table (default), csv, json, or html (a file with charts, readable offline)' },
    out: { type: 'string', help: 'metrics: the HTML report file (default: crisisroom-metrics.html)' },
    tz: { type: 'string', help: 'metrics: zone of months and times shown (default: the status page zone)' },
  },
  run: async ({ values, operands, config, stdout, stderr }) => {
    if (operands.length > 0) throw new UsageError('metrics takes no operands');
    const parsed = MetricsOptions.safeParse(values);
    if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
    const { since, component, format, out, tz } = parsed.data;
    if (values.out !== undefined && format !== 'html') throw new UsageError('--out names the HTML report: give it with --format html.');
    let metrics;
    try {
      metrics = await databaseMetrics(config, { sinceMs: since, component, zone: tz ?? config.statusPage.timeZone }, async (db) => {
        // "Now" ends the --since span and ongoing impact: the platforms' clocks say it when they answer.
        const clock = createVerifiedClock({
          warnMs: config.clock.warnSeconds * 1000,
          refuseMs: Infinity,
          log: (message) => stderr.write(`metrics: ${message}\n`),
        });
        for (const reference of timeReferences(config, db)) clock.addReference(reference);
        await clock.check();
        return clock;
      });
    } catch (error) {
      if (error instanceof CrisisError && error.code === 'invalid_input') throw new UsageError(error.message);
      throw new CommandFailure(`metrics failed: ${errorMessage(error)}`);
    }
    if (format === 'html') {
      const path = resolve(out);
      writeFileSync(path, metricsHtml(metrics, since));
      stdout.write(`wrote ${path} (${metrics.incidents.length} incidents)\n`);
    } else stdout.write(format === 'csv' ? metricsCsv(metrics) : format === 'json' ? metricsJson(metrics) : metricsText(metrics, since));
    return 0;
  },
};
