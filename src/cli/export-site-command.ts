import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config.ts';
import { createHttpServer } from '../http/server.ts';
import type { Log } from '../log.ts';
import { openPublishedSite } from '../services/public-page/read-published-snapshot.ts';
import { exportSite, fetchFrom, type ExportResult } from '../status-page/export-site.ts';
import { createFeedHandler } from '../status-page/feed-routes.ts';
import { createStatusPageHandler } from '../status-page/routes.ts';
import { historyPageSize } from '../domain/public-page/history.ts';
import { sitePaths } from '../status-page/site-paths.ts';
import type { Clock } from '../time/clock.ts';
import { formatSize, progressReporter } from './progress.ts';

export interface ExportSiteCommand {
  config: AppConfig;
  dir: string;
  /** Where the copy will be published; absolute links in feeds and the API are built from it. */
  baseUrl: string;
  clock: Clock;
  log: Log;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
}

/**
 * Exports the published page from the configured database. The pages come from the same handlers
 * the server mounts, answering on a private loopback port for the length of the export: every byte
 * (headers and content types included) is what the live page would send, and the server's own port
 * and console socket are left alone, so this runs beside a running crisisroom.
 */
export async function runExportSite(command: ExportSiteCommand): Promise<ExportResult> {
  const { config, dir, baseUrl, clock, log, stdout, stderr } = command;
  const site = await openPublishedSite(config, clock, baseUrl);
  const { snapshot } = site;
  if (snapshot.components.length === 0) {
    stderr.write('export-site: warning: the page lists no components (is CRISISROOM_CONFIG the one the server uses?)\n');
  }
  const server = createHttpServer({
    routes: [createStatusPageHandler({ snapshot: () => snapshot, history: site.history }), createFeedHandler(() => snapshot)],
    readiness: async () => ({ ready: true }),
    log,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const progress = progressReporter(stderr);
  try {
    const { port } = server.address() as AddressInfo;
    const result = await exportSite({
      dir,
      paths: sitePaths(snapshot, { historyPageSize, incidentNumbers: site.incidentNumbers }),
      fetchPath: fetchFrom(`http://127.0.0.1:${port}`),
      onProgress: (step) => progress.update(step),
    });
    progress.stop();
    stdout.write(`exported ${result.files.length} files (${formatSize(result.bytes)}) to ${result.dir}\n`);
    return result;
  } finally {
    progress.stop();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await site.close();
  }
}
