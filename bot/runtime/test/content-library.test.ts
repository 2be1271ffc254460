import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContentLibrary } from '../content-library.ts';

async function library(): Promise<{ lib: ContentLibrary; dataDir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'hoidap-lib-'));
  const dataDir = join(dir, 'data');
  return { lib: new ContentLibrary({ sourcesDir: join(dir, 'sources'), dataDir }), dataDir };
}

const GUIDE = Buffer.from(
  '# Hướng dẫn cấp lại căn cước\n\nNộp hồ sơ tại bộ phận một cửa cấp xã. Lệ phí theo quy định hiện hành.\n',
  'utf8',
);

describe('content library', () => {
  it.each(['javascript:alert(document.cookie)', 'data:text/html,<script>alert(1)</script>'])(
    'refuses the source URL %s, keeping http and https',
    async (url) => {
      const { lib } = await library();
      await lib.add('huong-dan.md', GUIDE);
      await expect(lib.editMeta('guides/huong-dan', { sourceUrl: url })).rejects.toMatchObject({
        code: 'E_META_INVALID',
      });
      await expect(
        lib.editMeta('guides/huong-dan', { sourceUrl: 'https://dichvucong.dongnai.gov.vn/huong-dan' }),
      ).resolves.toMatchObject({ sourceUrl: 'https://dichvucong.dongnai.gov.vn/huong-dan' });
    },
  );

  it('removes staging folders a crash left behind during an upload', async () => {
    const { lib, dataDir } = await library();
    await mkdir(join(dataDir, 'staging', 'up-crashed', 'guides'), { recursive: true });
    await writeFile(join(dataDir, 'staging', 'up-crashed', 'guides', 'half.md'), GUIDE);
    expect(await lib.cleanStaging()).toBe(1);
    expect(await readdir(join(dataDir, 'staging'))).toEqual([]);
  });
});
