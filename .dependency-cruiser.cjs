/* global module */
/**
 * Import rules (npm run deps:check, part of npm run check). The folders are layers; an import may only go
 * down or sideways through the other folder's index.ts:
 *   bin → bot → answer → ingest → knowledge,  eval → answer/ingest/knowledge (nothing imports eval)
 *   inside bot: channels (bot/*.ts) and bot/web/ sit side by side over bot/runtime/.
 */
const TOP = '(bot|knowledge|ingest|answer|eval)';
// Tests, their harnesses and the benches start the whole service: they may reach into the folder they test.
const TEST_CODE = ['(^|/)test/', '\\.test\\.ts$', '^bot/bench-[a-z-]+-cli\\.ts$', '^bot/web/screenshots-cli\\.ts$'];
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes the files impossible to read or test one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'only-through-index',
      severity: 'error',
      comment: 'Another top folder is reached through its index.ts only (its public face).',
      from: { path: `^${TOP}/` },
      to: { path: `^${TOP}/`, pathNot: ['^$1/', `^${TOP}/index\\.ts$`] },
    },
    {
      name: 'runtime-and-web-through-index',
      severity: 'error',
      comment:
        'bot/runtime/ and bot/web/ are reached from the rest of bot/ through their index.ts (test harnesses excepted).',
      from: { path: '^bot/', pathNot: ['^bot/(runtime|web)/', ...TEST_CODE] },
      to: { path: '^bot/(runtime|web)/', pathNot: ['^bot/(runtime|web)/index\\.ts$'] },
    },
    {
      name: 'web-uses-runtime-through-index',
      severity: 'error',
      from: { path: '^bot/web/' },
      to: { path: '^bot/runtime/', pathNot: ['^bot/runtime/index\\.ts$'] },
    },
    {
      name: 'knowledge-is-the-bottom',
      severity: 'error',
      from: { path: '^knowledge/' },
      to: { path: '^(ingest|answer|bot|eval|bin)/' },
    },
    {
      name: 'ingest-below-answer',
      severity: 'error',
      from: { path: '^ingest/' },
      to: { path: '^(answer|bot|eval|bin)/' },
    },
    { name: 'answer-below-channels', severity: 'error', from: { path: '^answer/' }, to: { path: '^(bot|eval|bin)/' } },
    {
      name: 'nothing-imports-eval',
      severity: 'error',
      from: { path: '^(knowledge|ingest|answer|bot)/' },
      to: { path: '^eval/' },
    },
    { name: 'nothing-imports-bin', severity: 'error', from: { pathNot: '^bin/' }, to: { path: '^bin/' } },
    {
      name: 'runtime-is-the-bottom-of-bot',
      severity: 'error',
      comment: 'The runtime serves every channel and imports none of them.',
      from: { path: '^bot/runtime/' },
      to: { path: '^bot/', pathNot: '^bot/runtime/' },
    },
    {
      name: 'web-beside-the-channels',
      severity: 'error',
      comment:
        'The chat page and console stand beside the Zalo channels: they import the runtime, never bot/*.ts. Their tests start the whole service (the real app), so test code may.',
      from: { path: '^bot/web/', pathNot: TEST_CODE },
      to: { path: '^bot/', pathNot: ['^bot/web/', '^bot/runtime/'] },
    },
    {
      name: 'no-test-code-in-the-product',
      severity: 'error',
      from: { pathNot: ['(^|/)test/', '\\.test\\.ts$', '-cli\\.ts$', '^bin/'] },
      to: { path: ['(^|/)test/', '\\.test\\.ts$'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^knowledge/index/', '^data/', '^coverage/', '/static/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
    reporterOptions: { mermaid: { minify: false } },
  },
};
