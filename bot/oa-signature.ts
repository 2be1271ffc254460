/**
 * Zalo OA webhook verification. Header `X-ZEvent-Signature: mac=<hex>` where
 * hex = SHA-256(app_id + raw body + body.timestamp + OA secret key) — a plain hash of the concatenation,
 * not an HMAC (Chatwoot zalo_oa_controller.rb, hainh.me; see /work/shared/notes/zalo-api.md §1.3; check
 * against developers.zalo.me). Some senders omit the `mac=` prefix, so both forms are accepted.
 */
import crypto from 'node:crypto';

/** The hex signature Zalo should have sent for this raw body. */
export function oaSignature(appId: string, rawBody: Buffer | string, timestamp: string, secretKey: string): string {
  return crypto.createHash('sha256').update(appId).update(rawBody).update(timestamp).update(secretKey).digest('hex');
}

/** Constant-time check of a header value against the expected hex signature. */
export function verifyOaSignature(
  header: string | undefined,
  appId: string,
  rawBody: Buffer,
  timestamp: string,
  secretKey: string,
): boolean {
  if (!header) return false;
  const given = header.trim().replace(/^mac=/i, '').toLowerCase();
  const expected = oaSignature(appId, rawBody, timestamp, secretKey);
  return constantTimeEqual(given, expected);
}

/** Compares two strings without leaking where they differ (length is not secret here). */
export function constantTimeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  if (ab.length !== bb.length) {
    // Still spend a comparison so a wrong length is not measurably faster.
    crypto.timingSafeEqual(bb, bb);
    return false;
  }
  return crypto.timingSafeEqual(ab, bb);
}
