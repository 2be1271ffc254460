/**
 * How a follow-up turn is worded, read on the folded question (no diacritics, lowercase). answer/follow-up.ts
 * reads the turn after a topic with these; it keeps no private copy.
 */

/** "còn X thì sao", "X thì sao", "thế còn X", "còn X nữa", "and X?", "what about X?": group 1 is the new topic X. */
export const ELLIPTICAL_FOLLOW_UPS: readonly RegExp[] = [
  /^(?:the |vay |va )?con (.+?)(?: thi sao| thi the nao| the nao| sao| nua| thi)?$/,
  /^(.+?) thi (?:sao|the nao)$/,
  /^(?:and|what about|how about) (.+)$/,
];

/** Asking whether something is needed: "có cần …", "có phải nộp …", "bắt buộc … không". */
export const ASKS_NEED = /(?:^| )(?:co can|co phai nop|phai nop|co phai co|phai co|bat buoc|can nop|co can nop)(?= )/;

/** "trên VNeID", "qua dịch vụ công" to the end: a way of doing the procedure ("quá hạn", "qua đời" are not). */
export const MODE_TAIL = / (?:tren|qua)(?! han| doi)(?= ).*$/;
