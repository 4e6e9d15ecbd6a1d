import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    pool: 'forks',
    // Most test files wait on processes, sockets and timers more than they compute: three at a time
    // keep two cores busy (vitest's default, one fewer than the cores, would run one at a time here).
    maxWorkers: 3,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
