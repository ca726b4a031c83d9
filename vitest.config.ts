import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/helpers/global-setup.ts'],
    // Integration files each start their own nats-server, controller and agents on free ports,
    // so files run in parallel; tests inside a file share them and run in order.
    pool: 'forks',
    // Mostly waiting on Docker and the network: more files than cores is faster here.
    maxWorkers: 4,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
