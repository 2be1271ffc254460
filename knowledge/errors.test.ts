import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { KNOWLEDGE_ERROR_CODES, KnowledgeError } from './index.ts';

describe('error codes', () => {
  it('lists every code in the README table', async () => {
    const readme = await readFile(new URL('./README.md', import.meta.url), 'utf8');
    const missing = KNOWLEDGE_ERROR_CODES.filter((code) => !readme.includes(`| \`${code}\` |`));
    expect(missing).toEqual([]);
  });

  it('puts the code in front of the message and keeps the cause', () => {
    const cause = new Error('boom');
    const err = new KnowledgeError('E_INDEX_CORRUPT', 'bad file', { cause });
    expect(err.message).toBe('E_INDEX_CORRUPT: bad file');
    expect(err.code).toBe('E_INDEX_CORRUPT');
    expect(err.cause).toBe(cause);
  });
});
