/** The scale corpus: big enough, reproducible, and read by ingest as the questions expect (ids, answers). */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../ingest/index.ts';
import { scaleQuestions, syntheticProcedures, writeScaleCorpus } from './scale-corpus.ts';

describe('scale corpus', () => {
  it('holds at least 300 procedures with distinct codes and names, the same on every run', () => {
    const procs = syntheticProcedures();
    expect(procs.length).toBeGreaterThanOrEqual(300);
    expect(new Set(procs.map((p) => p.code)).size).toBe(procs.length);
    expect(new Set(procs.map((p) => p.name)).size).toBe(procs.length);
    expect(syntheticProcedures()).toEqual(procs);
  });

  it('is split by ingest into the procedure documents the questions name, holding their evidence', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scale-test-'));
    try {
      const empty = await mkdtemp(join(tmpdir(), 'scale-src-'));
      await writeScaleCorpus(dir, empty);
      await rm(empty, { recursive: true, force: true });
      const sources = join(dir, 'sources');
      const first = await loadFile(join(sources, 'synthetic', 'phu-luc-01.md'), sources);
      expect(first.documents.map((d) => d.meta.id)).toEqual(
        syntheticProcedures()
          .slice(0, 10)
          .map((p) => `synthetic/phu-luc-01#${p.code}`),
      );
      const asked = scaleQuestions()
        .find((q) => q.document)!
        .document!.split('#')[0]!;
      const file = await loadFile(join(sources, `${asked}.md`), sources);
      const questions = scaleQuestions().filter((q) => q.document?.startsWith(`${asked}#`));
      expect(questions.length).toBeGreaterThan(0);
      for (const q of questions) {
        const doc = file.documents.find((d) => d.meta.id === q.document)!;
        expect(
          doc.chunks.some((c) => c.text.includes(q.evidence!)),
          q.id,
        ).toBe(true);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('matches the committed question set, with every question both accented and without diacritics', async () => {
    const committed = (await readFile('eval/questions/scale.jsonl', 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { tags: string[] });
    expect(committed).toEqual(JSON.parse(JSON.stringify(scaleQuestions())));
    expect(committed.filter((q) => q.tags.includes('accented')).length).toBe(
      committed.filter((q) => q.tags.includes('folded')).length,
    );
  });
});
