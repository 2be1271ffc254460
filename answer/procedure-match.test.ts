import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureIndex } from '../ingest/index.ts';
import { createEmbedder, KnowledgeBase } from '../knowledge/index.ts';
import { answer } from './index.ts';
import { readActionObject } from './action-object.ts';
import { actionFits } from './procedure-match.ts';
import { readQuestion } from './query-text.ts';

const read = (text: string) => readActionObject(readQuestion(text).split(' '));

describe('a question is read into the action it asks for and the object it names', () => {
  it('takes an action word inside the object as part of the object, not as a second action', () => {
    const r = read('thu hồi giấy chứng nhận đăng ký tàu cá cần hồ sơ gì');
    expect([...r.actions]).toEqual(['thu hoi']);
    expect(r.object.join(' ')).toBe('giay chung nhan dang ky tau ca');
  });

  it('gives a run of actions in a name the object that follows them', () => {
    const r = read('Đổi, cấp lại giấy phép lái xe');
    expect([...r.actions].sort()).toEqual(['cap doi', 'cap lai']);
    expect(r.object.join(' ')).toBe('giay phep lai xe');
  });

  it('reads the same action typed without diacritics or in chat shorthand', () => {
    expect([...read('cap lai the can cuoc mat bao lau').actions]).toEqual(['cap lai']);
    expect([...read('dk tam tru o dau').actions]).toEqual(['dang ky']);
  });

  it('does not take a level ("cấp xã") or "đợi bao lâu" for an action', () => {
    expect(read('UBND cấp xã giải quyết mất bao lâu').actions.size).toBe(0);
    expect(read('phải đợi bao lâu').actions.size).toBe(0);
  });

  it('ends the object at a field question, a mode and the end of a clause', () => {
    expect(read('cấp đổi sổ đỏ thì cần mang gì').object.join(' ')).toBe('so do');
    expect(read('làm lại căn cước online được không').object.join(' ')).toBe('can cuoc');
    expect(readActionObject('dang ky ket hon | nguoi yeu minh ho khau'.split(' ')).object.join(' ')).toBe('ket hon');
  });

  it('reads a generic verb ("làm") but lets the next specific action name the object', () => {
    const r = read('bố mẹ đi làm xa, em tự đi đăng ký tạm trú được không');
    expect(r.generic).toBe(true);
    expect(r.object.join(' ')).toBe('tam tru');
  });
});

describe('an asked action fits a procedure only through its own names or a stand-in', () => {
  it('refuses a revocation to a procedure that only issues and re-issues', () => {
    expect(actionFits(new Set(['thu hoi']), new Set(['cap', 'cap lai']), [])).toBe(false);
  });

  it('lets "cấp" ask for a re-issue only when the question says the paper was lost', () => {
    expect(actionFits(new Set(['cap']), new Set(['cap lai']), [])).toBe(false);
    expect(actionFits(new Set(['cap']), new Set(['cap lai']), ['lost'])).toBe(true);
  });

  it('lets "gia hạn" be served by an exchange, and a question without an action by anything', () => {
    expect(actionFits(new Set(['gia han']), new Set(['cap doi']), [])).toBe(true);
    expect(actionFits(new Set(), new Set(['thu hoi']), [])).toBe(true);
  });
});

/** A hand-made annex in the national structure: two siblings of one object, one other procedure. */
const ANNEX = `---
type: procedure
title: Phụ lục thủ tục thử nghiệm
---
# Phụ lục thủ tục thử nghiệm

## 1. Thủ tục cấp giấy phép bán lẻ rượu (9.000001)

1.1. Trình tự thực hiện:
- Bước 1: Nộp hồ sơ tại Trung tâm Phục vụ hành chính công.

1.3. Thành phần, số lượng hồ sơ:
- Đơn đề nghị cấp giấy phép bán lẻ rượu theo mẫu số 01.

1.4. Thời hạn giải quyết: 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.

1.6. Phí, lệ phí: Phí thẩm định 300.000 đồng/hồ sơ.

## 2. Thủ tục cấp lại giấy phép bán lẻ rượu (9.000002)

2.1. Trình tự thực hiện:
- Bước 1: Nộp hồ sơ tại Trung tâm Phục vụ hành chính công.

2.3. Thành phần, số lượng hồ sơ:
- Đơn đề nghị cấp lại giấy phép bán lẻ rượu theo mẫu số 02.

2.4. Thời hạn giải quyết: 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.

2.6. Phí, lệ phí: Không thu phí.

## 3. Thủ tục cấp giấy phép hoạt động phòng khám (9.000003)

3.3. Thành phần, số lượng hồ sơ:
- Đơn đề nghị cấp giấy phép hoạt động phòng khám theo mẫu số 03.

3.4. Thời hạn giải quyết: 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ.
`;

describe('answers hold to the procedure the question names (hand-made annex)', () => {
  let dir: string;
  let kb: KnowledgeBase;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hoidap-match-'));
    await mkdir(join(dir, 'sources'), { recursive: true });
    await writeFile(join(dir, 'sources', 'phu-luc.md'), ANNEX);
    const embedder = createEmbedder({ provider: 'hashed' });
    await ensureIndex({ sourcesDir: join(dir, 'sources'), indexDir: join(dir, 'index'), embedder });
    kb = await KnowledgeBase.open(join(dir, 'index'), { embedder });
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));
  const ask = (q: string) => answer(q, { kb, asOf: '2026-11-29' });

  it('refuses "thu hồi X" as not in the sources when only cấp and cấp lại X are held', async () => {
    for (const q of ['thu hồi giấy phép bán lẻ rượu cần hồ sơ gì', 'thu hoi giay phep ban le ruou can ho so gi']) {
      const r = await ask(q);
      expect(r.refused, q).toBe(true);
      expect(r.answer.split('\n')[0]).toBe('Xin lỗi, nguồn tài liệu của tôi chưa có thông tin này.');
      expect(r.answer).toContain('1022');
      expect(r.notices.some((n) => n.startsWith('not held:'))).toBe(true);
    }
  });

  it('answers the sibling whose action the question names, accented or not', async () => {
    for (const q of ['cấp lại giấy phép bán lẻ rượu mất bao lâu', 'cap lai giay phep ban le ruou mat bao lau']) {
      const r = await ask(q);
      expect(r.refused, q).toBe(false);
      expect(r.answer).toContain('05 ngày làm việc');
    }
  });

  it('refuses an object no procedure has, although the question shares "giấy phép" with all of them', async () => {
    const r = await ask('cấp giấy phép kinh doanh karaoke cần hồ sơ gì');
    expect(r.refused).toBe(true);
    expect(r.notices.some((n) => n.startsWith('not held:'))).toBe(true);
    expect(r.answer).toContain('1022');
  });
});
