import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiError, domainEvent, DomainEvents, ModeratorActed, spreadsheetSafe } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { stringify } from 'csv-stringify/sync';
import { type LiveCaller, subject } from '../access/live-abilities.js';
import { LIVE_SESSION } from '../model/live-kinds.js';
import { attendeeKey } from '../questions/questions.service.js';
import type { LiveSessionRecord } from '../sessions/session.schema.js';
import { LiveSessionsService } from '../sessions/sessions.service.js';
import type { CreatePollDto, PollExport, PollView, PollVoteDto, PollVoteView } from './dto/poll.dto.js';
import { type PollResults, PollTally } from './poll-tally.js';
import { LIVE_POLL, type PollChanges, type PollOption, type PollRecord, type PollState } from './poll.schema.js';
import { PollsRepository, PollVotesRepository } from './polls.repository.js';

/** A poll was created, opened, closed, or its results shown or hidden: the record as stored. */
export const PollChanged = domainEvent<{ poll: PollRecord }>('live.poll-changed');

/** What attendees see of a session's polls; hosts and moderators see drafts too. */
const PUBLIC_POLL_STATES: readonly PollState[] = ['open', 'closed'];
const ALL_STATES: readonly PollState[] = ['draft', 'open', 'closed'];

type PollAction = 'create' | 'open' | 'close' | 'show_results' | 'hide_results';

/**
 * Whether the chosen options make a vote in this poll: options of the poll, none twice, exactly
 * one in a single-choice poll and at least one in a multiple-choice one. Throws a 400 naming
 * `optionIds` otherwise.
 */
export function assertVote(poll: Pick<PollRecord, 'kind' | 'options'>, optionIds: readonly string[]): void {
  if (optionIds.length === 0) throw ApiError.invalidField('optionIds', 'must name at least one option');
  const known = new Set(poll.options.map((option) => option.id));
  if (optionIds.some((id) => !known.has(id))) throw ApiError.invalidField('optionIds', 'must be options of this poll');
  if (new Set(optionIds).size !== optionIds.length)
    throw ApiError.invalidField('optionIds', 'must not repeat an option');
  if (poll.kind === 'single' && optionIds.length !== 1) {
    throw ApiError.invalidField('optionIds', 'must name exactly one option in a single-choice poll');
  }
}

/** Short ids for the options, unique within the poll. */
function optionsOf(texts: readonly string[]): PollOption[] {
  const ids = new Set<string>();
  while (ids.size < texts.length) ids.add(randomBytes(3).toString('hex'));
  const list = [...ids];
  return texts.map((text, index) => ({ id: list[index], text }));
}

function noResults(poll: PollRecord): PollResults {
  return { voters: 0, counts: Object.fromEntries(poll.options.map(({ id }) => [id, 0])) };
}

/**
 * Polls in a session: its hosts create them (drafts), open, close, and show or hide their results;
 * attendees (members and guests) vote once in each open poll. Results are counted from the vote
 * documents; hosts and moderators always see them, attendees once shown.
 */
@Injectable()
export class PollsService {
  constructor(
    private readonly polls: PollsRepository,
    private readonly votes: PollVotesRepository,
    private readonly tally: PollTally,
    private readonly sessions: LiveSessionsService,
    private readonly events: DomainEvents,
  ) {}

  /** Hosts and moderators: they see drafts and results (the gateway's staff room). */
  isStaff(caller: LiveCaller, session: LiveSessionRecord): boolean {
    return caller.can('moderate', LIVE_SESSION, subject(session));
  }

  /** The session's polls the caller may see, oldest first, with their own vote. */
  async list(caller: LiveCaller, session: LiveSessionRecord): Promise<PollView[]> {
    const staff = this.isStaff(caller, session);
    return this.viewsFor(
      caller,
      session,
      await this.polls.inSession(session.id, staff ? ALL_STATES : PUBLIC_POLL_STATES),
    );
  }

  /** For a joining socket: the open polls, and the closed ones whose results are shown. */
  async snapshot(caller: LiveCaller, session: LiveSessionRecord): Promise<PollView[]> {
    const polls = await this.polls.inSession(session.id, PUBLIC_POLL_STATES);
    return this.viewsFor(
      caller,
      session,
      polls.filter((poll) => poll.state === 'open' || poll.showResults),
    );
  }

  async create(caller: LiveCaller, sessionId: string, dto: CreatePollDto): Promise<PollView> {
    const session = await this.sessions.open(caller, sessionId);
    const actorId = this.assertHost(caller, session);
    const poll = await this.polls.create({
      sessionId: session.id,
      question: dto.question,
      kind: dto.kind,
      options: optionsOf(dto.options),
      state: 'draft',
      createdBy: actorId,
    });
    await this.events.publish(PollChanged, { poll });
    await this.audit(
      actorId,
      session,
      poll.id,
      'create',
      {},
      {
        question: poll.question,
        kind: poll.kind,
        options: poll.options.map((option) => option.text),
      },
    );
    return this.view(poll, noResults(poll));
  }

  async open(caller: LiveCaller, pollId: string): Promise<PollView> {
    const { poll, session } = await this.forHost(caller, pollId);
    if (session.status === 'ended') throw ApiError.conflict('The session has ended: its polls no longer open');
    return this.change(caller, session, poll, ['draft'], { state: 'open', openedAt: new Date() }, 'open');
  }

  async close(caller: LiveCaller, pollId: string): Promise<PollView> {
    const { poll, session } = await this.forHost(caller, pollId);
    return this.change(caller, session, poll, ['open'], { state: 'closed', closedAt: new Date() }, 'close');
  }

  /** Shows or hides the results to attendees; setting what is already set changes nothing. */
  async showResults(caller: LiveCaller, pollId: string, showResults: boolean): Promise<PollView> {
    const { poll, session } = await this.forHost(caller, pollId);
    if (poll.showResults === showResults) return this.view(poll, await this.tally.resultsOf(poll));
    return this.change(
      caller,
      session,
      poll,
      ALL_STATES,
      { showResults },
      showResults ? 'show_results' : 'hide_results',
    );
  }

  /** One vote per attendee and poll, final: a second one is a 409, however it arrives. */
  async vote(caller: LiveCaller, dto: PollVoteDto): Promise<PollVoteView> {
    const poll = await this.polls.findById(dto.pollId.toLowerCase());
    if (!poll) throw ApiError.notFound('Poll');
    const session = await this.sessions.open(caller, poll.sessionId);
    if (poll.state === 'draft' && !this.isStaff(caller, session)) throw ApiError.notFound('Poll');
    const key = attendeeKey(caller);
    if (!key) throw ApiError.unauthorized('Sign in, or join as a guest, to vote');
    if (session.status === 'ended') throw ApiError.conflict('The session has ended');
    if (poll.state === 'draft') throw ApiError.conflict('The poll is not open yet');
    if (poll.state === 'closed') throw ApiError.conflict('The poll is closed: it takes no more votes');
    assertVote(poll, dto.optionIds);
    try {
      await this.votes.add({ pollId: poll.id, sessionId: session.id, voterKey: key, optionIds: [...dto.optionIds] });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      throw ApiError.conflict('You have already voted in this poll: a vote cannot be changed');
    }
    this.tally.changedVotes(poll.id);
    return { pollId: poll.id, optionIds: [...dto.optionIds] };
  }

  /** Every poll of the session with its results, for its hosts and moderators. */
  async export(caller: LiveCaller, sessionId: string): Promise<PollExport> {
    const session = await this.sessions.open(caller, sessionId);
    const target = subject(session);
    if (!caller.can('export', LIVE_SESSION, target) && !caller.can('manage', LIVE_SESSION, target)) {
      throw ApiError.forbidden('Only the hosts and moderators of the session export its polls');
    }
    const polls = await this.polls.inSession(session.id);
    return {
      sessionId: session.id,
      exportedAt: new Date(),
      polls: await Promise.all(polls.map(async (poll) => this.view(poll, await this.tally.resultsOf(poll)))),
    };
  }

  /** The export as CSV: one row per option (poll, option, votes), cells a spreadsheet will not run. */
  async exportCsv(caller: LiveCaller, sessionId: string): Promise<string> {
    const { polls } = await this.export(caller, sessionId);
    return stringify(
      polls.flatMap((poll) =>
        poll.options.map((option) => [
          spreadsheetSafe(poll.question),
          spreadsheetSafe(option.text),
          poll.results?.counts[option.id] ?? 0,
        ]),
      ),
      { header: true, columns: ['poll', 'option', 'votes'] },
    );
  }

  resultsOf(poll: PollRecord): Promise<PollResults> {
    return this.tally.resultsOf(poll);
  }

  /** The poll with the results given (null: hidden from this viewer) and, for one caller, their vote. */
  view(poll: PollRecord, results: PollResults | null, myVote?: string[] | null): PollView {
    return {
      id: poll.id,
      sessionId: poll.sessionId,
      question: poll.question,
      kind: poll.kind,
      options: poll.options.map((option) => ({ id: option.id, text: option.text })),
      state: poll.state,
      showResults: poll.showResults,
      results,
      ...(myVote === undefined ? {} : { myVote }),
      createdAt: poll.createdAt,
      openedAt: poll.openedAt,
      closedAt: poll.closedAt,
    };
  }

  private async viewsFor(caller: LiveCaller, session: LiveSessionRecord, polls: PollRecord[]): Promise<PollView[]> {
    const staff = this.isStaff(caller, session);
    const key = attendeeKey(caller);
    const choices = key && polls.length > 0 ? await this.votes.choicesOf(session.id, key) : new Map<string, string[]>();
    return Promise.all(
      polls.map(async (poll) =>
        this.view(
          poll,
          staff || poll.showResults ? await this.tally.resultsOf(poll) : null,
          choices.get(poll.id) ?? null,
        ),
      ),
    );
  }

  /** The poll and its session, for one of the session's hosts: 404 when the caller may not see it, 403 otherwise. */
  private async forHost(caller: LiveCaller, pollId: string): Promise<{ poll: PollRecord; session: LiveSessionRecord }> {
    const poll = await this.polls.findById(pollId.toLowerCase());
    if (!poll) throw ApiError.notFound('Poll');
    const session = await this.sessions.open(caller, poll.sessionId);
    if (poll.state === 'draft' && !this.isStaff(caller, session)) throw ApiError.notFound('Poll');
    this.assertHost(caller, session);
    return { poll, session };
  }

  /** The acting member's id, when they host the session. */
  private assertHost(caller: LiveCaller, session: LiveSessionRecord): string {
    if (!caller.principal || !caller.can('manage', LIVE_SESSION, subject(session))) {
      throw ApiError.forbidden('Only the hosts of the session run its polls');
    }
    return caller.principal.id;
  }

  private async change(
    caller: LiveCaller,
    session: LiveSessionRecord,
    poll: PollRecord,
    from: readonly PollState[],
    changes: PollChanges,
    action: PollAction,
  ): Promise<PollView> {
    if (!from.includes(poll.state)) {
      throw ApiError.conflict(`The poll is ${poll.state}: it cannot be ${DONE[action]} now`);
    }
    const changed = await this.polls.change(poll.id, from, changes);
    if (!changed) throw ApiError.conflict('The poll changed meanwhile: reload it');
    await this.events.publish(PollChanged, { poll: changed });
    const fields = Object.keys(changes);
    await this.audit(
      this.assertHost(caller, session),
      session,
      poll.id,
      action,
      pick(poll, fields),
      pick(changed, fields),
    );
    return this.view(changed, await this.tally.resultsOf(changed));
  }

  private async audit(
    actorId: string,
    session: LiveSessionRecord,
    pollId: string,
    action: PollAction,
    before: Record<string, unknown>,
    after: Record<string, unknown>,
  ): Promise<void> {
    await this.events.publish(ModeratorActed, {
      actorId,
      action: `poll.${action}`,
      target: { type: LIVE_POLL, id: pollId, groupId: session.groupId },
      reason: null,
      before,
      after,
    });
  }
}

const DONE: Record<PollAction, string> = {
  create: 'created',
  open: 'opened',
  close: 'closed',
  show_results: 'shown',
  hide_results: 'hidden',
};

function pick(record: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (record as Record<string, unknown>)[key]]));
}
