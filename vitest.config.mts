import { defineConfig } from 'vitest/config';

// Every suite (and the editors and CLIs it starts) talks only to loopback: deploy's HTTP check refuses other hosts.
process.env.PXE_WORKBENCH_LOOPBACK_ONLY = '1';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { test: { name: 'cli', include: ['test/cli/**/*.test.ts'], testTimeout: 30_000 } },
      { test: { name: 'protocol', include: ['test/protocol/**/*.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'deploy',
          include: ['test/deploy/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          env: { PXE_WORKBENCH_LOOPBACK_ONLY: '1' },
        },
      },
      { test: { name: 'vm', include: ['test/vm/**/*.test.ts'], testTimeout: 240_000, hookTimeout: 60_000 } },
      { test: { name: 'neovim', include: ['test/neovim/**/*.test.ts'], testTimeout: 60_000 } },
      { test: { name: 'oracle', include: ['test/oracle/**/*.test.ts'], testTimeout: 600_000 } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // One editor at a time, after every other suite: the machine has two cores.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
