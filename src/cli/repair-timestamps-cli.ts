import { z } from 'zod';
import { openRepairSession } from '../services/repair-timestamps/session.ts';
import { type CliCommand, CommandFailure, UsageError } from './command.ts';
import { phaseProgress } from './repair-progress.ts';
import { appliedSummary, describeNow, findingsSummary, findingsTable } from './repair-timestamps-report.ts';
import { errorMessage } from '../domain/errors.ts';

const Tolerance = z.coerce
  .number({ error: '--tolerance must be a number of seconds, e.g. 60' })
  .int('--tolerance must be a whole number of seconds')
  .min(0, '--tolerance cannot be negative')
  .max(86_400, '--tolerance is at most 86400 s (a day)');

function toleranceMs(value: string | boolean | undefined): number {
  const parsed = Tolerance.safeParse(value ?? '60');
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message);
  return parsed.data * 1000;
}

export const repairTimestampsCli: CliCommand = {
  synopsis: 'repair-timestamps',
  summary: 'List records dated in the future or out of order; --apply corrects them (exit 1 while any remain)',
  options: {
    apply: { type: 'boolean', help: 'repair-timestamps: write the corrections, each with an audit entry (default: dry run)' },
    tolerance: { type: 'string', help: 'repair-timestamps: seconds of clock noise ignored (default 60)' },
    'trust-local-clock': { type: 'boolean', help: 'repair-timestamps: --apply even when no time reference answers (this machine\'s clock is then "now")' },
  },
  run: async ({ values, operands, config, stdout, stderr }) => {
    if (operands.length > 0) throw new UsageError(`repair-timestamps takes no operands (got ${operands.join(' ')})`);
    const tolerance = toleranceMs(values.tolerance);
    const apply = values.apply === true;
    let session;
    try {
      session = await openRepairSession(config, (message) => stderr.write(`repair-timestamps: ${message}\n`));
    } catch (error) {
      throw new CommandFailure(`repair-timestamps: ${errorMessage(error)}`);
    }
    try {
      const { verified } = session;
      if (verified.answered.length === 0) {
        if (apply && values['trust-local-clock'] !== true) {
          throw new CommandFailure(
            "repair-timestamps: no time reference answered (Slack, Statuspage or PostgreSQL), so there is no verified now to judge by; nothing was changed. Check this machine's clock and run again with --trust-local-clock to --apply by it.",
          );
        }
        stderr.write(`repair-timestamps: warning: no time reference answered: judging by this machine's clock${apply ? ' (--trust-local-clock)' : ''}\n`);
      }
      stdout.write(`repair-timestamps: ${describeNow(verified)}\n`);
      const scanBar = phaseProgress(stderr, 'scan', 'rows');
      const findings = await session.scan({
        now: verified.now,
        toleranceMs: tolerance,
        onProgress: ({ done, total, table }) => scanBar.update(done, total, table),
      });
      scanBar.stop();
      if (findings.length === 0) {
        stdout.write('repair-timestamps: no timestamp in the future or out of order\n');
        return 0;
      }
      stdout.write(findingsTable(findings));
      stdout.write(`repair-timestamps: ${findingsSummary(findings)}\n`);
      if (!apply) {
        stdout.write('repair-timestamps: dry run: nothing was changed; run with --apply to write the proposed values\n');
        return 1;
      }
      const applyBar = phaseProgress(stderr, 'apply', 'corrections');
      const result = await session.apply(findings, verified.now, ({ done, total }) => applyBar.update(done, total, ''));
      applyBar.stop();
      const unrepairable = findings.filter((finding) => finding.proposed === null).length;
      stdout.write(appliedSummary(result, unrepairable));
      return unrepairable + result.skipped.length === 0 ? 0 : 1;
    } finally {
      await session.close();
    }
  },
};
