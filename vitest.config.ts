import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{bot,knowledge,ingest,eval,answer,test}/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // The JSON report lets .ci/run print its one-line summary from the very same `npm test` run.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
