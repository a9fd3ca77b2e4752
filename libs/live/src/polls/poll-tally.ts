import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { PollRecord } from './poll.schema.js';
import { PollsRepository, PollVotesRepository } from './polls.repository.js';

/** At most this many result broadcasts per second and poll, from each instance. */
export const POLL_BATCHES_PER_SECOND = 4;

/** A poll's results: how many voted, and the votes of every option (0 for none). */
export interface PollResults {
  voters: number;
  counts: Record<string, number>;
}

type Flush = (poll: PollRecord, results: PollResults) => Promise<void> | void;

/**
 * Poll results, coalesced: a vote marks its poll as changed; every 1/4 s each changed poll is
 * counted again from its vote documents and handed to the broadcaster once. However many votes
 * arrive, a poll's results go out at most 4 times a second from an instance, and nothing but the
 * vote documents holds a count.
 */
@Injectable()
export class PollTally implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(PollTally.name);
  private readonly changed = new Set<string>();
  private timer?: NodeJS.Timeout;
  private flushing = false;
  private flush: Flush = () => undefined;

  constructor(
    private readonly polls: PollsRepository,
    private readonly votes: PollVotesRepository,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.flushChanged(), 1000 / POLL_BATCHES_PER_SECOND);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Where changed results go (the gateway). */
  onBatch(flush: Flush): void {
    this.flush = flush;
  }

  changedVotes(pollId: string): void {
    this.changed.add(pollId);
  }

  /** The poll's results now, from its vote documents. */
  async resultsOf(poll: PollRecord): Promise<PollResults> {
    const { voters, perOption } = await this.votes.counts(poll.id);
    return { voters, counts: Object.fromEntries(poll.options.map(({ id }) => [id, perOption.get(id) ?? 0])) };
  }

  private async flushChanged(): Promise<void> {
    if (this.flushing || this.changed.size === 0) return;
    this.flushing = true;
    const pollIds = [...this.changed];
    this.changed.clear();
    try {
      for (const pollId of pollIds) {
        try {
          const poll = await this.polls.findById(pollId);
          if (poll) await this.flush(poll, await this.resultsOf(poll));
        } catch (error) {
          this.logger.warn(`results of poll ${pollId} not sent, retried next batch: ${String(error)}`);
          this.changedVotes(pollId);
        }
      }
    } finally {
      this.flushing = false;
    }
  }
}
