import { type CliCommand, UsageError } from './command.ts';
import { redact } from './doctor/mask.ts';
import { exitCodeOf, renderReport } from './doctor/render.ts';
import { runDoctor } from './doctor/run-doctor.ts';

export const doctorCli: CliCommand = {
  synopsis: 'doctor',
  summary: 'Check the clock, database, Slack, Statuspage, e-mail and configuration; exit 1 if any check fails',
  options: {},
  run: async ({ operands, config, stdout, colors }) => {
    if (operands.length > 0) throw new UsageError('doctor takes no operands');
    const lines = await runDoctor(config);
    stdout.write(redact(renderReport(lines, { colors }), config));
    return exitCodeOf(lines);
  },
};
