import { SingleBar } from 'cli-progress';
import type { ExportProgress } from '../status-page/export-site.ts';

export interface ProgressReporter {
  update(progress: ExportProgress): void;
  stop(): void;
}

/**
 * A redrawn bar for a person at a terminal; one line per 10 % otherwise, because CI logs and files
 * keep every redraw of a bar as noise.
 */
export function progressReporter(stream: NodeJS.WriteStream): ProgressReporter {
  if (stream.isTTY) {
    const bar = new SingleBar({
      stream,
      format: 'export-site |{bar}| {percentage}% | {value}/{total} files | {file}',
      hideCursor: true,
      clearOnComplete: true,
    });
    let started = false;
    return {
      update({ done, total, file }) {
        if (!started) {
          bar.start(total, 0, { file: '' });
          started = true;
        }
        bar.update(done, { file });
      },
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let lastTenth = 0;
  return {
    update({ done, total }) {
      const tenth = Math.floor((done * 10) / total);
      if (tenth <= lastTenth) return;
      lastTenth = tenth;
      stream.write(`export-site: ${tenth * 10}% (${done}/${total} files)\n`);
    },
    stop: () => undefined,
  };
}

/** `532 B`, `48.3 kB`, `1.2 MB`: decimal units, as object stores and `ls -h --si` count. */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
