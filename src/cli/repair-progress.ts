import { SingleBar } from 'cli-progress';

export interface PhaseProgress {
  update(done: number, total: number, detail: string): void;
  stop(): void;
}

/** Below this many rows a scan is over before a bar could say anything. */
const largeTable = 5000;

/**
 * A redrawn bar over a long phase ("scan", "apply") for a person at a terminal; one line per 10 %
 * otherwise, because CI logs keep every redraw. Short phases show nothing.
 */
export function phaseProgress(stream: NodeJS.WriteStream, phase: string, unit: string): PhaseProgress {
  let bar: SingleBar | null = null;
  let lastTenth = 0;
  return {
    update(done, total, detail) {
      if (total < largeTable) return;
      if (!stream.isTTY) {
        const tenth = Math.floor((done * 10) / total);
        if (tenth > lastTenth) stream.write(`repair-timestamps: ${phase} ${tenth * 10}% (${done}/${total} ${unit})\n`);
        lastTenth = Math.max(lastTenth, tenth);
        return;
      }
      if (!bar) {
        bar = new SingleBar({
          stream,
          format: `repair-timestamps ${phase} |{bar}| {percentage}% | {value}/{total} ${unit} | {detail}`,
          hideCursor: true,
          clearOnComplete: true,
        });
        bar.start(total, 0, { detail: '' });
      }
      bar.update(done, { detail });
    },
    stop() {
      bar?.stop();
      bar = null;
    },
  };
}
