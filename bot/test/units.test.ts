import { describe, expect, it } from 'vitest';
import { parseBotUpdate, parseOaEvent } from '../events.ts';
import { logPreview, maskPersonalData } from '../mask.ts';
import { oaSignature, verifyOaSignature } from '../oa-signature.ts';
import { isResetCommand } from '../replies.ts';
import { splitReply, splitReplyKeepingRest } from '../split-reply.ts';
import { backoffMs, redact } from '../zalo-http.ts';

describe('maskPersonalData', () => {
  it('masks every digit of phone numbers in the usual ways residents write them', () => {
    expect(maskPersonalData('goi 0912345678 nhe')).toBe('goi ********** nhe');
    expect(maskPersonalData('sdt: 0912 345 678')).toBe('sdt: **** *** ***');
    expect(maskPersonalData('so +84987654321')).toBe('so +***********');
    expect(maskPersonalData('0912.345.678 hoac 84-912-345-678')).toBe('****.***.*** hoac **-***-***-***');
  });

  it('masks 9-digit CMND and 12-digit CCCD numbers but leaves short numbers, dates and document numbers', () => {
    expect(maskPersonalData('cmnd 123456789, cccd 079123456789')).toBe('cmnd *********, cccd ************');
    const plain = 'Kế hoạch 53/KH-UBND ngày 01/03/2024, lệ phí 14.000 đồng, 15 ngày';
    expect(maskPersonalData(plain)).toBe(plain);
  });

  it('shortens log previews after masking', () => {
    expect(logPreview(`${'a'.repeat(100)} 0912345678`, 20)).toBe(`${'a'.repeat(20)}…`);
  });
});

describe('splitReply', () => {
  it('keeps a short reply as one message', () => {
    expect(splitReply('  ngắn gọn  ')).toEqual(['ngắn gọn']);
  });

  it('splits at paragraph boundaries into messages of at most 2000 characters', () => {
    const paras = ['a'.repeat(900), 'b'.repeat(900), 'c'.repeat(900)];
    const parts = splitReply(paras.join('\n\n'));
    expect(parts).toEqual([`${paras[0]}\n\n${paras[1]}`, paras[2]]);
  });

  it('breaks one overlong paragraph at line or sentence ends', () => {
    const sentence = 'Câu này dài vừa phải. ';
    const parts = splitReply(sentence.repeat(150));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => p.length <= 2000 && p.endsWith('.'))).toBe(true);
  });

  it('sends at most three messages and keeps the final sources paragraph when shortening', () => {
    const text = [
      ...Array.from({ length: 8 }, (_, i) => String(i).repeat(1500)),
      'Nguồn: [1] Quyết định 1/QĐ, mục 2',
    ].join('\n\n');
    const parts = splitReply(text);
    expect(parts).toHaveLength(3);
    expect(parts.every((p) => p.length <= 2000)).toBe(true);
    expect(parts[2]).toContain('Nguồn: [1] Quyết định 1/QĐ, mục 2');
    expect(parts[2]).toMatch(/Còn \d+ mục — hỏi "xem thêm"\./);
  });

  it('never cuts a list item across messages and keeps what does not fit three messages for "xem thêm"', () => {
    const items = Array.from(
      { length: 90 },
      (_, i) => `- Giấy tờ số ${i + 1}: bản sao có chứng thực hoặc bản chính để đối chiếu.`,
    );
    const text = ['Thành phần hồ sơ:', ...items, 'Nguồn:', '[1] Thủ tục X — Thành phần hồ sơ'].join('\n');
    const { parts, rest } = splitReplyKeepingRest(text);
    expect(parts).toHaveLength(3);
    expect(parts.every((p) => p.length <= 2000)).toBe(true);
    const sent = parts
      .join('\n')
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect([...sent, ...rest]).toEqual(items);
    expect(parts[2]).toContain(`Còn ${rest.length} mục — hỏi "xem thêm".\nNguồn:\n[1] Thủ tục X — Thành phần hồ sơ`);
  });
});

describe('OA signature', () => {
  const raw = Buffer.from('{"event_name":"user_send_text","timestamp":"1700000000000"}');

  it('accepts mac=<hex> and bare hex of sha256(app_id + body + timestamp + OA secret)', () => {
    const hex = oaSignature('app', raw, '1700000000000', 'secret');
    expect(hex).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyOaSignature(`mac=${hex}`, 'app', raw, '1700000000000', 'secret')).toBe(true);
    expect(verifyOaSignature(hex.toUpperCase(), 'app', raw, '1700000000000', 'secret')).toBe(true);
  });

  it('rejects a missing header, another secret, another timestamp or a changed body', () => {
    const hex = oaSignature('app', raw, '1700000000000', 'secret');
    expect(verifyOaSignature(undefined, 'app', raw, '1700000000000', 'secret')).toBe(false);
    expect(verifyOaSignature(`mac=${hex}`, 'app', raw, '1700000000000', 'other')).toBe(false);
    expect(verifyOaSignature(`mac=${hex}`, 'app', raw, '1700000000001', 'secret')).toBe(false);
    expect(
      verifyOaSignature(`mac=${hex}`, 'app', Buffer.concat([raw, Buffer.from(' ')]), '1700000000000', 'secret'),
    ).toBe(false);
    expect(verifyOaSignature('mac=abc', 'app', raw, '1700000000000', 'secret')).toBe(false);
  });
});

describe('event parsing', () => {
  it('keeps big numeric ids as strings and uses msg_id as the event id', () => {
    const parsed = parseOaEvent(
      {
        event_name: 'user_send_text',
        sender: { id: '8901234567890123456' },
        message: { text: 'hi', msg_id: 'abc' },
        timestamp: '1',
      },
      5,
    );
    expect(parsed).toEqual({
      action: 'store',
      event: {
        channel: 'oa',
        eventId: 'abc',
        recipient: '8901234567890123456',
        kind: 'text',
        text: 'hi',
        quoteId: 'abc',
        receivedAt: 5,
      },
    });
  });

  it('ignores delivery receipts, echoes of our own sends and events without ids', () => {
    for (const name of ['user_seen_message', 'oa_send_text', 'unfollow']) {
      expect(parseOaEvent({ event_name: name, sender: { id: '1' }, message: { msg_id: 'x' } }, 0).action).toBe(
        'ignore',
      );
    }
    expect(parseOaEvent({ event_name: 'user_send_text', message: { text: 'x' } }, 0).action).toBe('ignore');
  });

  it('reads Bot updates bare or wrapped, keyed by chat and message id', () => {
    const update = {
      event_name: 'message.text.received',
      message: { chat: { id: 'c1' }, message_id: 'm1', text: 'hỏi' },
    };
    const bare = parseBotUpdate(update, 0);
    expect(bare).toMatchObject({ action: 'store', event: { eventId: 'c1:m1', recipient: 'c1', kind: 'text' } });
    expect(parseBotUpdate({ ok: true, result: update }, 0)).toEqual(bare);
    expect(
      parseBotUpdate({ event_name: 'message.sticker.received', message: { chat: { id: 'c1' }, message_id: 'm2' } }, 0),
    ).toMatchObject({ event: { kind: 'unsupported' } });
    expect(
      parseBotUpdate(
        { event_name: 'message.unsupported.received', message: { chat: { id: 'c1' }, message_id: 'm3' } },
        0,
      ),
    ).toMatchObject({ action: 'store', event: { kind: 'unsupported' } });
  });
});

describe('small helpers', () => {
  it('recognises "bắt đầu lại" typed with or without diacritics', () => {
    for (const t of ['bắt đầu lại', 'Bat dau lai!', 'BẮT ĐẦU LẠI', ' bat  dau lai '])
      expect(isResetCommand(t)).toBe(true);
    expect(isResetCommand('bắt đầu lại thủ tục khai sinh')).toBe(false);
  });

  it('redacts secrets from text and backs off exponentially up to a minute', () => {
    expect(redact('POST /bot123:abc/sendMessage failed', '123:abc')).toBe('POST /bot<redacted>/sendMessage failed');
    expect([1, 2, 3, 10].map((a) => backoffMs(a, () => 0.5))).toEqual([1000, 2000, 4000, 60000]);
  });
});

describe('SQLite storage durability modes', () => {
  it('keeps acknowledged events across a reopen in every mode, and durable() settles for concurrent callers', async () => {
    const { SqliteStorage } = await import('../storage/index.ts');
    const { tempDir } = await import('./helpers.ts');
    for (const mode of ['FULL', 'FSYNC_ACK', 'NORMAL'] as const) {
      const dir = await tempDir();
      const store = SqliteStorage.open(dir, { synchronous: mode });
      const results = await Promise.all(
        [1, 2, 3].map((i) =>
          store.enqueue({
            channel: 'oa',
            eventId: `e${i % 2}`,
            recipient: 'u',
            kind: 'text',
            text: 't',
            quoteId: null,
            receivedAt: 1,
          }),
        ),
      );
      await Promise.all([store.durable(), store.durable(), store.durable()]);
      expect(results).toEqual(['queued', 'queued', 'duplicate']);
      await store.close();
      const again = SqliteStorage.open(dir, { synchronous: mode });
      expect((await again.counts()).inbox).toEqual({ queued: 2 });
      await again.close();
    }
  });
});
