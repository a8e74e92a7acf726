import { defineConfig } from 'vitest/config';

/** Runs many PassWing processes at once: given the machine to itself, after everything else. */
const CAMPAIGN = 'test/hardening/fault-campaign.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [CAMPAIGN],
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'campaign',
          include: [CAMPAIGN],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
