/**
 * Plain-text loader: built for text copied out of web pages and PDFs (the 2024 plan), where lines
 * are wrapped mid-heading and the official header and signature are still in the text.
 */
import { readFile } from 'node:fs/promises';
import { blocksFromLines, toLines } from '../text-pipeline.ts';
import type { LoadedSource } from '../types.ts';

/** Loads a .txt file (UTF-8, BOM tolerated). */
export async function loadText(path: string): Promise<LoadedSource> {
  const raw = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const { blocks, inferred } = blocksFromLines(toLines(raw, null));
  return { blocks, declared: {}, inferred };
}
