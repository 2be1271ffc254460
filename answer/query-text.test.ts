import { describe, expect, it } from 'vitest';
import { readQuestion } from './query-text.ts';

describe('reading a question', () => {
  it('reads "kh" before a plan number or "cđs" as kế hoạch, and alone as không', () => {
    expect(readQuestion('ai ky kh 53 vay')).toBe('ai ky ke hoach 53 vay');
    expect(readQuestion('muc tieu kh cđs')).toBe('muc tieu ke hoach chuyen doi so');
    expect(readQuestion('co dc kh')).toBe('co duoc khong');
  });

  it('reads "tt 73" as a circular (thông tư), not a centre', () => {
    expect(readQuestion('tt 73 nam 2024')).toBe('thong tu 73 nam 2024');
  });
});
