/** Issue 10, defect 1: uploads are parsed in a capped child process; a bomb is a clean, coded failure. */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { ContentLibrary } from '../content-library.ts';
import { zipUncompressedBytes } from '../upload-sandbox.ts';

/** A DOCX whose XML inflates to about `chars` characters (it compresses to a few KB). */
async function docx(chars: number): Promise<Buffer> {
  const para = 'Thủ tục cấp lại căn cước công dân tại bộ phận một cửa. '.repeat(40);
  const children = Array.from({ length: Math.ceil(chars / para.length) }, () => new Paragraph(para));
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

async function library(caps: Record<string, number>): Promise<{ lib: ContentLibrary; sourcesDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'hoidap-sandbox-'));
  const sourcesDir = join(dir, 'sources');
  return { lib: new ContentLibrary({ sourcesDir, dataDir: join(dir, 'data'), parseCaps: caps }), sourcesDir };
}

describe('upload sandbox', () => {
  it('refuses a DOCX that unpacks past the cap before parsing it, and leaves the sources untouched', async () => {
    const bomb = await docx(3_000_000);
    expect(bomb.length).toBeLessThan(200_000);
    expect(zipUncompressedBytes(bomb)).toBeGreaterThan(2 * 1024 * 1024);
    const { lib, sourcesDir } = await library({ maxUncompressedBytes: 2 * 1024 * 1024 });
    await expect(lib.add('bom.docx', bomb)).rejects.toMatchObject({
      code: 'E_UPLOAD_TOO_LARGE',
      detail: 'E_UNCOMPRESSED_TOO_LARGE',
    });
    expect(await readdir(sourcesDir).catch(() => [])).toEqual([]);
  });

  it('turns a parser that runs out of memory into E_UPLOAD_UNREADABLE (E_PARSE_CRASHED); the service lives on', async () => {
    const { lib, sourcesDir } = await library({ maxHeapMb: 16, maxUncompressedBytes: 1024 * 1024 * 1024 });
    await expect(lib.add('lon.docx', await docx(6_000_000))).rejects.toMatchObject({
      code: 'E_UPLOAD_UNREADABLE',
      detail: 'E_PARSE_CRASHED',
    });
    expect(await readdir(sourcesDir).catch(() => [])).toEqual([]);
  });

  it('stops a parse that runs over its time (E_PARSE_TIMEOUT) and one with too much text (E_TEXT_TOO_LONG)', async () => {
    const slow = await library({ timeoutMs: 1 });
    await expect(slow.lib.add('cham.docx', await docx(10_000))).rejects.toMatchObject({
      code: 'E_UPLOAD_UNREADABLE',
      detail: 'E_PARSE_TIMEOUT',
    });
    const wordy = await library({ maxTextChars: 5_000 });
    await expect(wordy.lib.add('dai.docx', await docx(50_000))).rejects.toMatchObject({
      code: 'E_UPLOAD_UNREADABLE',
      detail: 'E_TEXT_TOO_LONG',
    });
  });
});
