/**
 * Conversation context per user: the last few turns, forgotten after a stretch of silence (default 30 min)
 * or when the user says "bắt đầu lại". Kept in the bot storage so a restart (or another instance) continues a
 * conversation mid-way.
 */
import type { Continuation } from '../answer/index.ts';
import type { BotStorage } from './storage/index.ts';

/** One past question (same shape as answer/'s Turn). */
export interface Turn {
  question: string;
  topicDocumentId: string | null;
  at: string;
  /**
   * What the reply to this turn did not show (whole items), so a following "xem thêm" continues from there;
   * null when it showed everything. Kept with the turns in the bot storage, like the rest of the conversation.
   */
  more?: Continuation | null;
}

/** How many past turns are handed to answer(). */
export const HISTORY_TURNS = 4;

/** The history after one more turn, keeping the last HISTORY_TURNS. */
export function appendTurn(history: Turn[], turn: Turn): Turn[] {
  return [...history, turn].slice(-HISTORY_TURNS);
}

export class Conversations {
  constructor(
    private readonly store: BotStorage,
    private readonly idleMs: number,
  ) {}

  /** The recent turns of this user, oldest first; empty when the conversation went idle. */
  async history(userKey: string, now: number): Promise<Turn[]> {
    const c = await this.store.getConversation(userKey);
    if (!c || now - c.updatedAt > this.idleMs) return [];
    return c.turns as Turn[];
  }

  /** Appends a turn, keeping the last HISTORY_TURNS. */
  async record(userKey: string, turn: Turn, now: number): Promise<void> {
    await this.store.putConversation(userKey, appendTurn(await this.history(userKey, now), turn), now);
  }

  reset(userKey: string): Promise<void> {
    return this.store.deleteConversation(userKey);
  }
}
