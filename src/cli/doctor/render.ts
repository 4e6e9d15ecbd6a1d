import { styleText } from 'node:util';
import type { CheckLine, Level } from './check-line.ts';

const labels: Record<Level, { text: string; style: Parameters<typeof styleText>[0] }> = {
  pass: { text: 'PASS', style: 'green' },
  warn: { text: 'WARN', style: ['yellow', 'bold'] },
  fail: { text: 'FAIL', style: ['red', 'bold'] },
};

/**
 * One line per finding, the details aligned in one column, then the totals. Colour only on a
 * terminal (styleText checks the stream, NO_COLOR and FORCE_COLOR): piped output stays plain text.
 */
export function renderReport(lines: readonly CheckLine[], stream: NodeJS.WritableStream): string {
  const width = Math.max(0, ...lines.map((line) => line.subject.length + 1));
  const body = lines.map((line) => {
    const label = styleText(labels[line.level].style, labels[line.level].text, { stream });
    return `${label}  ${`${line.subject}:`.padEnd(width)} ${line.detail}`;
  });
  const total = (level: Level) => lines.filter((line) => line.level === level).length;
  const warnings = total('warn');
  const summary = `${total('pass')} passed, ${warnings} ${warnings === 1 ? 'warning' : 'warnings'}, ${total('fail')} failed`;
  return `${[...body, '', summary].join('\n')}\n`;
}

export const exitCodeOf = (lines: readonly CheckLine[]): number => (lines.some((line) => line.level === 'fail') ? 1 : 0);
