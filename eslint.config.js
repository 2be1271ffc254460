import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'knowledge/index/', 'data/', 'eval/results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Library code logs through pino (bot) or returns reports; only CLIs print.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*-cli.ts', '**/cli.ts', '**/cli-run.ts', 'eval/bench*.ts', 'scripts/**', '**/*.test.ts', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
