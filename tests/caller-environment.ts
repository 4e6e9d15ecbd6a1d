// What a caller's environment can change in crisisroom, and the second pass of the suite that runs
// under an unusual one. `npm test` runs the whole suite as the caller has it, then these tests again
// under `unusualEnvironment`: the suite must pass whatever the caller's zone, language and terminal.

/** A zone with a 45-minute offset and DST, a language with other separators, and no colours. */
export const unusualEnvironment: Record<string, string> = { TZ: 'Pacific/Chatham', LANG: 'pt_BR.UTF-8', LC_ALL: 'pt_BR.UTF-8', NO_COLOR: '1' };
/** Variables the second pass removes: they would turn colours or CI's strictness on. */
export const clearedInUnusualEnvironment = ['FORCE_COLOR', 'CI'];

/**
 * Every source that reads the caller's environment, terminal or locale beyond the configuration, and
 * the tests that exercise it (tests/caller-environment.test.ts finds the readers and keeps this list
 * complete). The configuration's own variables are read once, by the entry points, and tested as such.
 */
export const ambientReaders: Record<string, { reads: string; tests: string[] }> = {
  'src/main.ts': { reads: 'whether stdin is a terminal (the console opens in the process)', tests: ['tests/e2e/terminal-console.test.ts'] },
  'src/main-console.ts': { reads: 'whether stdin is a terminal (a prompt, or a piped script)', tests: ['tests/e2e/console-flow.test.ts'] },
  'src/main-cli.ts': { reads: 'whether stdout shows colours (NO_COLOR, FORCE_COLOR, TERM)', tests: ['tests/cli/doctor/terminal.test.ts'] },
  'src/cli/doctor/render.ts': { reads: 'NO_COLOR, FORCE_COLOR and TERM, through the stream', tests: ['tests/cli/doctor/output.test.ts'] },
  'src/cli/progress.ts': { reads: 'whether the stream is a terminal (a bar, or a line per step)', tests: ['tests/cli/export-site.test.ts'] },
  'src/cli/repair-progress.ts': { reads: 'whether the stream is a terminal (a bar, or a line per 10 %)', tests: ['tests/cli/repair-timestamps.test.ts'] },
};

/** Where times and words are written for people: their tests run in the second pass as well. */
export const renderingTests = ['tests/time', 'tests/chat/grammar', 'tests/status-page/pages.test.ts', 'tests/status-page/feeds.test.ts'];

/** The test files and folders of the second pass. */
export function secondPassTests(): string[] {
  return [...new Set([...Object.values(ambientReaders).flatMap((reader) => reader.tests), ...renderingTests])].sort();
}
