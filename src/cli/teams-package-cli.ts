import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { TeamsPackageError, buildTeamsPackage } from '../chat/teams/app-package.ts';
import { type CliCommand, CommandFailure, UsageError } from './command.ts';

export const defaultTeamsPackagePath = 'dist/crisisroom-teams.zip';

export const teamsPackageCli: CliCommand = {
  synopsis: 'teams-package',
  summary: `Build the Microsoft Teams app package (${defaultTeamsPackagePath}) to upload to Teams`,
  options: { out: { type: 'string', help: `Where to write the Teams app package (default: ${defaultTeamsPackagePath})` } },
  run: async ({ values, operands, config, stdout }) => {
    if (operands.length > 0) throw new UsageError('teams-package takes no operands');
    if (!config.teamsAppId) {
      throw new CommandFailure(
        'teams-package needs TEAMS_APP_ID: the Microsoft Entra application (client) id of the bot registration, a GUID (see docs/teams.md)',
      );
    }
    if (!config.publicBaseUrl) {
      throw new CommandFailure(
        'teams-package needs PUBLIC_BASE_URL: the https:// address where Teams reaches crisisroom (its bot endpoint is <PUBLIC_BASE_URL>/api/messages)',
      );
    }
    let built;
    try {
      built = buildTeamsPackage({ teamsAppId: config.teamsAppId, publicBaseUrl: config.publicBaseUrl });
    } catch (error) {
      if (error instanceof TeamsPackageError) throw new CommandFailure(`teams-package: ${error.message}`);
      throw error;
    }
    const out = resolve((values.out as string | undefined) ?? defaultTeamsPackagePath);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, built.zip);
    const domains = (built.manifest.validDomains as string[]).join(', ');
    stdout.write(
      `wrote ${out} (${built.zip.length} bytes): Teams app and bot ${config.teamsAppId}, manifest v${String(built.manifest.manifestVersion)} ${String(built.manifest.version)}, domain ${domains}\n`,
    );
    return 0;
  },
};
