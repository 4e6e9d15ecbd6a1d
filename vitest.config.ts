import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

// The files measured to take longest (half a minute to a minute and a half beside the others: they
// run npm, the benchmarks, the quick set, crash processes) start first. Left to a clean clone's
// order (larger files first), they started last and kept the suite waiting after the rest was done.
export const longest = [
  'tests/docs/bench-command.test.ts',
  'tests/docs/inner-loop.test.ts',
  'tests/chat/slack/room-faults.test.ts',
  'tests/services/typed-text.property.test.ts',
  'tests/docs/quick-start.test.ts',
  'tests/e2e/start-ahead.test.ts',
];

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const at = longest.findIndex((path) => spec.moduleId.endsWith(path));
      return at < 0 ? longest.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Most test files wait on processes, sockets and timers more than they compute: three at a time
    // keep two cores busy (vitest's default, one fewer than the cores, would run one at a time here).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    sequence: { sequencer: LongestFirst },
  },
});
