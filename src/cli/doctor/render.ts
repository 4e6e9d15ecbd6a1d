import { styleText } from 'node:util';
import type { CheckLine, Level } from './check-line.ts';

const labels: Record<Level, { text: string; style: Parameters<typeof styleText>[0] }> = {
  pass: { text: 'PASS', style: 'green' },
  warn: { text: 'WARN', style: ['yellow', 'bold'] },
  fail: { text: 'FAIL', style: ['red', 'bold'] },
};

/**
 * Whether `stream` shows colours: a terminal that has them, as the environment's NO_COLOR,
 * FORCE_COLOR and TERM say. Decided here, once, so the report itself depends on nothing ambient.
 */
export function colorsOn(stream: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
  const tty = stream as Partial<Pick<NodeJS.WriteStream, 'isTTY' | 'hasColors'>>;
  return tty.isTTY === true && tty.hasColors?.(env) === true;
}

/**
 * One line per finding, the details aligned in one column, then the totals. Colour only when
 * asked for (see colorsOn): piped output stays plain text.
 */
export function renderReport(lines: readonly CheckLine[], { colors }: { colors: boolean }): string {
  const width = Math.max(0, ...lines.map((line) => line.subject.length + 1));
  const body = lines.map((line) => {
    const label = colors ? styleText(labels[line.level].style, labels[line.level].text, { validateStream: false }) : labels[line.level].text;
    return `${label}  ${`${line.subject}:`.padEnd(width)} ${line.detail}`;
  });
  const total = (level: Level) => lines.filter((line) => line.level === level).length;
  const warnings = total('warn');
  const summary = `${total('pass')} passed, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${total('fail')} failed`;
  return `${[...body, '', summary].join('\n')}\n`;
}

export const exitCodeOf = (lines: readonly CheckLine[]): number => (lines.some((line) => line.level === 'fail') ? 1 : 0);
