/**
 * Conversation context per user: the last few turns, forgotten after a stretch of silence (default 30 min)
 * or when the user says "bắt đầu lại". Kept in SQLite so a restart does not lose a conversation mid-way.
 */
import type { BotStore } from './store.ts';

/** One past question (same shape as answer/'s Turn). */
export interface Turn { question: string; topicDocumentId: string | null; at: string }

/** How many past turns are handed to answer(). */
export const HISTORY_TURNS = 4;

export class Conversations {
  constructor(private readonly store: BotStore, private readonly idleMs: number) {}

  /** The recent turns of this user, oldest first; empty when the conversation went idle. */
  history(userKey: string, now: number): Turn[] {
    const c = this.store.getConversation(userKey);
    if (!c || now - c.updatedAt > this.idleMs) return [];
    return c.turns as Turn[];
  }

  /** Appends a turn, keeping the last HISTORY_TURNS. */
  record(userKey: string, turn: Turn, now: number): void {
    const turns = [...this.history(userKey, now), turn].slice(-HISTORY_TURNS);
    this.store.putConversation(userKey, turns, now);
  }

  reset(userKey: string): void {
    this.store.deleteConversation(userKey);
  }
}
