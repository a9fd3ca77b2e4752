import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { QuestionVotesRepository } from './questions.repository.js';

/** At most this many vote-count batches per second and room, from each instance. */
export const VOTE_BATCHES_PER_SECOND = 4;

type Flush = (sessionId: string, counts: Record<string, number>) => void;

/**
 * Vote counts, coalesced: a vote marks its question as changed; every 1/4 s the changed questions
 * of each session are counted again from their vote documents (one query per session) and handed
 * to the broadcaster as one batch. The latest counts are cached for views. However many votes
 * arrive, a room gets at most 4 batches a second from an instance, and a count is never written
 * into the question, so no vote can undo a moderator's change.
 */
@Injectable()
export class VoteTally implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(VoteTally.name);
  private readonly changed = new Map<string, Set<string>>();
  private readonly cache = new Map<string, number>();
  /** Counts of questions long past are dropped wholesale beyond this; the next read counts again. */
  private readonly maxCached = 100_000;
  private timer?: NodeJS.Timeout;
  private flushing = false;
  private flush: Flush = () => undefined;

  constructor(private readonly votes: QuestionVotesRepository) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flushChanged(), 1000 / VOTE_BATCHES_PER_SECOND);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Where batches go (the gateway). */
  onBatch(flush: Flush): void {
    this.flush = flush;
  }

  /** A new question: no votes yet, nothing to count. */
  seed(questionId: string): void {
    this.remember(questionId, 0);
  }

  changedVotes(sessionId: string, questionId: string): void {
    const questions = this.changed.get(sessionId) ?? new Set<string>();
    questions.add(questionId);
    this.changed.set(sessionId, questions);
  }

  /** Current counts of the questions, from the cache where fresh, else from the vote documents. */
  async countsOf(questionIds: string[]): Promise<Map<string, number>> {
    const missing = questionIds.filter((id) => !this.cache.has(id));
    const counted = await this.votes.counts(missing);
    for (const id of missing) this.remember(id, counted.get(id) ?? 0);
    return new Map(questionIds.map((id) => [id, this.cache.get(id) ?? 0]));
  }

  /**
   * Counts the questions again from their votes now: for a snapshot (another instance may have
   * taken votes since this one cached them), and after a merge moved votes.
   */
  async recount(questionIds: string[]): Promise<Map<string, number>> {
    for (const id of questionIds) this.cache.delete(id);
    return this.countsOf(questionIds);
  }

  private remember(questionId: string, count: number): void {
    if (this.cache.size >= this.maxCached) this.cache.clear();
    this.cache.set(questionId, count);
  }

  private async flushChanged(): Promise<void> {
    if (this.flushing || this.changed.size === 0) return;
    this.flushing = true;
    const batches = [...this.changed];
    this.changed.clear();
    try {
      for (const [sessionId, questionIds] of batches) {
        try {
          const counts = await this.recount([...questionIds]);
          this.flush(sessionId, Object.fromEntries(counts));
        } catch (error) {
          this.logger.warn(`vote counts of session ${sessionId} not sent, retried next batch: ${String(error)}`);
          for (const questionId of questionIds) this.changedVotes(sessionId, questionId);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
