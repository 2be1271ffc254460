/**
 * Turns the platforms' payloads into one internal shape (the adapter idea of grammY's FrameworkAdapter):
 * what the worker needs to answer, nothing else. Ids are kept as strings (Zalo's ids overflow doubles).
 */
import type { InboxEvent } from './storage/index.ts';

/** A parsed event: something to store and answer, or something to acknowledge and ignore. */
export type ParsedEvent = { action: 'store'; event: InboxEvent } | { action: 'ignore'; reason: string };

const OA_UNSUPPORTED = new Set([
  'user_send_image',
  'user_send_sticker',
  'user_send_file',
  'user_send_location',
  'user_send_gif',
  'user_send_audio',
  'user_send_video',
  'user_send_link',
  'user_send_business_card',
]);

/** Bot Platform events a person sent that carry no readable text: each gets the "text questions only" reply. */
const BOT_UNSUPPORTED = new Set([
  'message.image.received',
  'message.sticker.received',
  'message.voice.received',
  'message.audio.received',
  'message.video.received',
  'message.file.received',
  'message.location.received',
  'message.link.received',
  'message.unsupported.received',
]);

/**
 * Longest question text kept (UTF-16 units). Zalo's own cap on a message is 2000; a longer body is forged or
 * a paste, and analysing 20k characters stalls the event loop for hundreds of ms (issue 10, defect 10).
 */
export const MAX_QUESTION_CHARS = 2000;
const capText = (text: string): string => (text.length > MAX_QUESTION_CHARS ? text.slice(0, MAX_QUESTION_CHARS) : text);

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const idOf = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;

/** The body timestamp as Zalo sent it (string of epoch ms), or null. */
export function oaTimestamp(body: Json): string | null {
  return idOf(body.timestamp);
}

/** Parses a Zalo OA webhook body (already signature-checked). */
export function parseOaEvent(body: Json, receivedAt: number): ParsedEvent {
  const name = typeof body.event_name === 'string' ? body.event_name : '';
  if (name === 'follow') {
    const user = idOf(obj(body.follower).id);
    if (!user) return { action: 'ignore', reason: 'follow without follower.id' };
    const event = {
      eventId: `follow:${user}:${oaTimestamp(body) ?? receivedAt}`,
      recipient: user,
      kind: 'follow' as const,
      text: '',
    };
    return { action: 'store', event: { channel: 'oa', quoteId: null, receivedAt, ...event } };
  }
  if (name !== 'user_send_text' && !OA_UNSUPPORTED.has(name))
    return { action: 'ignore', reason: `event ${name || '(none)'}` };
  const user = idOf(obj(body.sender).id);
  const message = obj(body.message);
  const msgId = idOf(message.msg_id);
  if (!user || !msgId) return { action: 'ignore', reason: `${name} without sender.id or message.msg_id` };
  const text = typeof message.text === 'string' ? capText(message.text) : '';
  const kind = name === 'user_send_text' ? 'text' : 'unsupported';
  if (kind === 'text' && !text.trim()) return { action: 'ignore', reason: 'empty text' };
  return {
    action: 'store',
    event: { channel: 'oa', eventId: msgId, recipient: user, kind, text, quoteId: msgId, receivedAt },
  };
}

/**
 * Parses a Zalo Bot Platform update, bare `{event_name, message}` or wrapped `{ok, result}` (the docs and
 * OpenClaw disagree on which Zalo sends; notes §2).
 */
export function parseBotUpdate(body: Json, receivedAt: number): ParsedEvent {
  const update = body.ok !== undefined && body.result !== undefined ? obj(body.result) : body;
  const name = typeof update.event_name === 'string' ? update.event_name : '';
  const message = obj(update.message);
  const chatId = idOf(obj(message.chat).id);
  const messageId = idOf(message.message_id);
  if (!name) return { action: 'ignore', reason: 'update without event_name' };
  if (!chatId || !messageId) return { action: 'ignore', reason: `${name} without chat.id or message_id` };
  // message_id alone may repeat across chats (OpenClaw PR #58444), so the chat is part of the key.
  const base = {
    channel: 'bot' as const,
    eventId: `${chatId}:${messageId}`,
    recipient: chatId,
    quoteId: null,
    receivedAt,
  };
  if (name === 'message.text.received') {
    const text = typeof message.text === 'string' ? capText(message.text) : '';
    return text.trim()
      ? { action: 'store', event: { ...base, kind: 'text', text } }
      : { action: 'ignore', reason: 'empty text' };
  }
  if (BOT_UNSUPPORTED.has(name)) {
    return { action: 'store', event: { ...base, kind: 'unsupported', text: '' } };
  }
  return { action: 'ignore', reason: `event ${name}` };
}

/** True when the parsed body looks like a Bot update at all (has event_name somewhere). */
export function hasBotEventName(body: Json): boolean {
  const update = body.ok !== undefined && body.result !== undefined ? obj(body.result) : body;
  return typeof update.event_name === 'string' && update.event_name.length > 0;
}
