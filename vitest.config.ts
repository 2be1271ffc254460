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
    // `npm test` measures coverage and fails under this floor (set just under the 29/11/2026 run: lines 89.1%,
    // statements 87.3%, functions 88.7%, branches 81.7%), so a change that drops tested code fails CI.
    coverage: {
      provider: 'v8',
      include: ['{bot,knowledge,ingest,eval,answer}/**/*.ts'],
      exclude: ['**/*.test.ts', '**/test/**', '**/*-cli.ts', '**/test-support.ts'],
      reporter: ['text-summary', 'html'],
      thresholds: { lines: 87, statements: 85, functions: 86, branches: 79 },
    },
  },
});
