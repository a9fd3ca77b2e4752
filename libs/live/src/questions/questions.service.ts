import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiError, AppConfig, DomainEvents, ModeratorActed } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import type { LiveCaller } from '../access/live-abilities.js';
import { subject } from '../access/live-abilities.js';
import { QuestionChanged } from '../model/live.events.js';
import {
  CODE_ALPHABET,
  LIVE_SESSION,
  PUBLIC_QUESTION_STATES,
  type QuestionModeration,
  type QuestionState,
} from '../model/live-kinds.js';
import type { LiveSessionRecord } from '../sessions/session.schema.js';
import { LiveSessionsService } from '../sessions/sessions.service.js';
import type { AskDto, ModerateDto, QuestionListQuery, QuestionView } from './dto/question.dto.js';
import type { QuestionRecord } from './question.schema.js';
import {
  type QuestionChanges,
  QuestionRevisionsRepository,
  QuestionsRepository,
  QuestionVotesRepository,
} from './questions.repository.js';
import { VoteTally } from './vote-tally.js';
import { ShortCache } from '../shared/short-cache.js';

/** Who looks at a question: their attendee key, and whether they moderate the session. */
export interface QuestionViewer {
  key: string | null;
  moderates: boolean;
}

const ANSWERABLE: readonly QuestionState[] = ['pending', 'approved'];
/** Questions are read on every vote; a change made on another instance shows within this (a change here at once). */
const QUESTION_CACHE_MS = 2_000;

/** `member:<id>` or `guest:<id>`: one key for whoever asks and votes. */
export function attendeeKey(caller: LiveCaller): string | null {
  if (caller.principal) return `member:${caller.principal.id}`;
  if (caller.guest) return `guest:${caller.guest.id}`;
  return null;
}

@Injectable()
export class QuestionsService {
  private readonly recent = new ShortCache<QuestionRecord>(QUESTION_CACHE_MS);

  constructor(
    private readonly questions: QuestionsRepository,
    private readonly votes: QuestionVotesRepository,
    private readonly revisions: QuestionRevisionsRepository,
    private readonly tally: VoteTally,
    private readonly sessions: LiveSessionsService,
    private readonly events: DomainEvents,
    private readonly config: AppConfig,
  ) {}

  viewerOf(caller: LiveCaller, session: LiveSessionRecord): QuestionViewer {
    return { key: attendeeKey(caller), moderates: caller.can('moderate', LIVE_SESSION, subject(session)) };
  }

  /** The questions the caller may see, by votes (ties: oldest first) or newest first, with the caller's votes. */
  async list(
    caller: LiveCaller,
    session: LiveSessionRecord,
    query: QuestionListQuery = {},
  ): Promise<{ items: QuestionView[]; myVotes: string[] }> {
    const viewer = this.viewerOf(caller, session);
    if (query.state && !viewer.moderates && !PUBLIC_QUESTION_STATES.includes(query.state)) {
      throw ApiError.forbidden('Only the moderators of the session see questions in that state');
    }
    const records = (await this.questions.inSession(session.id)).filter(
      (question) =>
        (query.state ? question.state === query.state : true) &&
        (viewer.moderates || PUBLIC_QUESTION_STATES.includes(question.state) || question.askerKey === viewer.key),
    );
    const counts = await this.tally.recount(records.map((question) => question.id));
    const items = records.map((question) => this.view(question, counts.get(question.id) ?? 0, viewer, session.id));
    if (query.sort === 'recent') items.reverse();
    else items.sort((a, b) => b.votes - a.votes || a.createdAt.getTime() - b.createdAt.getTime());
    const myVotes = viewer.key ? await this.votes.votedBy(session.id, viewer.key) : [];
    return { items, myVotes };
  }

  /** Asks; a retried ask (same clientId) answers the question the first one made. */
  async ask(caller: LiveCaller, dto: AskDto): Promise<QuestionView> {
    const session = await this.sessions.open(caller, dto.sessionId.toLowerCase());
    const key = attendeeKey(caller);
    if (!key) throw ApiError.unauthorized('Sign in, or join as a guest, to ask');
    const viewer = this.viewerOf(caller, session);
    const retried = await this.questions.byClientId(session.id, key, dto.clientId);
    if (retried)
      return this.view(retried, (await this.tally.countsOf([retried.id])).get(retried.id) ?? 0, viewer, session.id);
    const { qa } = session;
    if (session.status === 'ended') throw ApiError.conflict('The session has ended');
    if (!qa.open) throw ApiError.conflict('Questions are closed for now');
    if (caller.guest && !qa.guestsAllowed) throw ApiError.forbidden('This session no longer admits guests');
    if (dto.anonymous && !qa.anonymousAllowed)
      throw ApiError.invalidField('anonymous', 'is not allowed in this session');
    if (dto.text.length > qa.maxLength) {
      throw ApiError.invalidField('text', `must be at most ${qa.maxLength} characters in this session`);
    }
    const lastMinute = await this.questions.askedSince(session.id, key, new Date(Date.now() - 60_000));
    if (lastMinute >= qa.perAttendeeLimit) {
      throw ApiError.tooManyRequests(
        `This session takes ${qa.perAttendeeLimit} questions a minute from each attendee`,
        60,
      );
    }
    let question: QuestionRecord;
    try {
      question = await this.questions.create({
        sessionId: session.id,
        askerKey: key,
        authorId: caller.principal?.id ?? null,
        authorName: caller.principal?.displayName ?? caller.guest?.displayName ?? '',
        anonymous: dto.anonymous ?? false,
        clientId: dto.clientId,
        text: dto.text,
        language: dto.language ?? session.languages[0] ?? 'en',
        state: qa.preModeration && !viewer.moderates ? 'pending' : 'approved',
      });
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const first = await this.questions.byClientId(session.id, key, dto.clientId);
      if (!first) throw error;
      return this.view(first, 0, viewer, session.id);
    }
    this.tally.seed(question.id);
    await this.events.publish(QuestionChanged, { question, previousState: null });
    return this.view(question, 0, viewer, session.id);
  }

  /** One vote per attendee: a repeated vote changes nothing. Only questions attendees see take votes. */
  async vote(caller: LiveCaller, questionId: string, voted: boolean): Promise<{ questionId: string; voted: boolean }> {
    const { question, session } = await this.open(caller, questionId);
    const key = attendeeKey(caller);
    if (!key) throw ApiError.unauthorized('Sign in, or join as a guest, to vote');
    if (!PUBLIC_QUESTION_STATES.includes(question.state)) throw ApiError.conflict('This question does not take votes');
    const changed = voted
      ? await this.votes.add(question.id, session.id, key)
      : await this.votes.remove(question.id, key);
    if (changed) this.tally.changedVotes(session.id, question.id);
    return { questionId: question.id, voted };
  }

  /** The asker takes back their question while it is pending or approved. */
  async withdraw(caller: LiveCaller, questionId: string): Promise<QuestionView> {
    const { question, session } = await this.open(caller, questionId);
    if (question.askerKey !== attendeeKey(caller)) throw ApiError.forbidden('Only its asker withdraws a question');
    return this.change(caller, session, question, ANSWERABLE, { state: 'withdrawn', highlighted: false }, null);
  }

  async moderate(caller: LiveCaller, dto: ModerateDto): Promise<QuestionView> {
    const { question, session } = await this.open(caller, dto.questionId.toLowerCase());
    caller.assert('moderate', LIVE_SESSION, subject(session));
    const act = (from: readonly QuestionState[], changes: QuestionChanges) =>
      this.change(caller, session, question, from, changes, dto.action);
    switch (dto.action) {
      case 'approve':
        return act(['pending'], { state: 'approved' });
      case 'dismiss':
        if (!dto.reason) throw ApiError.invalidField('reason', 'is required to dismiss a question');
        return act(ANSWERABLE, {
          state: 'dismissed',
          highlighted: false,
          dismissReason: dto.reason,
          dismissNote: dto.note ?? null,
        });
      case 'answer':
        return act(ANSWERABLE, { state: 'answered', answer: dto.answer ?? null, answeredAt: new Date() });
      case 'restore':
        return act(['dismissed', 'answered'], {
          state: 'approved',
          dismissReason: null,
          dismissNote: null,
          answer: null,
          answeredAt: null,
        });
      case 'highlight':
        return this.highlight(caller, session, question);
      case 'unhighlight':
        return act(PUBLIC_QUESTION_STATES, { highlighted: false });
      case 'edit':
        return this.edit(caller, session, question, dto.text);
      case 'merge':
        return this.merge(caller, session, question, dto.intoQuestionId);
    }
  }

  private async highlight(
    caller: LiveCaller,
    session: LiveSessionRecord,
    question: QuestionRecord,
  ): Promise<QuestionView> {
    for (const other of await this.questions.highlightedIn(session.id)) {
      if (other.id !== question.id)
        await this.change(caller, session, other, PUBLIC_QUESTION_STATES, { highlighted: false }, 'unhighlight');
    }
    return this.change(caller, session, question, PUBLIC_QUESTION_STATES, { highlighted: true }, 'highlight');
  }

  private async edit(
    caller: LiveCaller,
    session: LiveSessionRecord,
    question: QuestionRecord,
    text: string | undefined,
  ): Promise<QuestionView> {
    if (!text) throw ApiError.invalidField('text', 'is required to edit a question');
    if (text.length > session.qa.maxLength) {
      throw ApiError.invalidField('text', `must be at most ${session.qa.maxLength} characters in this session`);
    }
    const editorId = caller.principal?.id;
    if (!editorId) throw ApiError.forbidden('Only members moderate');
    await this.revisions.add(question.id, editorId, question.text);
    return this.change(caller, session, question, ['pending', 'approved', 'answered'], { text }, 'edit');
  }

  /**
   * Merges a duplicate into another question of the session: its voters' votes move to the other
   * (one vote each: who voted for both counts once), and the duplicate leaves the list.
   */
  private async merge(
    caller: LiveCaller,
    session: LiveSessionRecord,
    duplicate: QuestionRecord,
    intoQuestionId: string | undefined,
  ): Promise<QuestionView> {
    if (!intoQuestionId) throw ApiError.invalidField('intoQuestionId', 'is required to merge a question');
    const target = await this.questions.findById(intoQuestionId.toLowerCase());
    if (!target || target.sessionId !== session.id)
      throw ApiError.invalidField('intoQuestionId', 'must be a question of the same session');
    if (target.id === duplicate.id) throw ApiError.invalidField('intoQuestionId', 'must be another question');
    if (!PUBLIC_QUESTION_STATES.includes(target.state)) {
      throw ApiError.invalidField('intoQuestionId', 'must be an approved or answered question');
    }
    const merged = await this.change(
      caller,
      session,
      duplicate,
      ANSWERABLE,
      { state: 'merged', highlighted: false, mergedInto: target.id },
      'merge',
    );
    for (const voterKey of await this.votes.voterKeysOf(duplicate.id))
      await this.votes.add(target.id, session.id, voterKey);
    if (duplicate.askerKey !== target.askerKey) await this.votes.add(target.id, session.id, duplicate.askerKey);
    await this.votes.deleteFor(duplicate.id);
    this.tally.changedVotes(session.id, target.id);
    this.tally.changedVotes(session.id, duplicate.id);
    return merged;
  }

  private async change(
    caller: LiveCaller,
    session: LiveSessionRecord,
    question: QuestionRecord,
    from: readonly QuestionState[],
    changes: QuestionChanges,
    action: QuestionModeration | null,
  ): Promise<QuestionView> {
    if (!from.includes(question.state)) {
      throw ApiError.conflict(`The question is ${question.state}: it cannot be ${describe(action)} now`);
    }
    const changed = await this.questions.change(question.id, from, changes);
    this.recent.forget(question.id);
    if (!changed) throw ApiError.conflict('The question changed meanwhile: reload it');
    await this.events.publish(QuestionChanged, { question: changed, previousState: question.state });
    if (action && caller.principal) {
      await this.events.publish(ModeratorActed, {
        actorId: caller.principal.id,
        action: `question.${action}`,
        target: { type: 'live_question', id: question.id, groupId: session.groupId },
        reason: changes.dismissReason ?? null,
        before: pick(question, Object.keys(changes)),
        after: pick(changed, Object.keys(changes)),
      });
    }
    const votes = (await this.tally.countsOf([changed.id])).get(changed.id) ?? 0;
    return this.view(changed, votes, this.viewerOf(caller, session), session.id);
  }

  private async open(
    caller: LiveCaller,
    questionId: string,
  ): Promise<{ question: QuestionRecord; session: LiveSessionRecord }> {
    const question = await this.questions.findById(questionId.toLowerCase());
    if (!question) throw ApiError.notFound('Question');
    const session = await this.sessions.open(caller, question.sessionId);
    const visible =
      PUBLIC_QUESTION_STATES.includes(question.state) ||
      question.askerKey === attendeeKey(caller) ||
      caller.can('moderate', LIVE_SESSION, subject(session));
    if (!visible) throw ApiError.notFound('Question');
    return { question, session };
  }

  /** The question as one viewer may see it; an anonymous asker shows to moderators as a pseudonym only. */
  view(question: QuestionRecord, votes: number, viewer: QuestionViewer, sessionId: string): QuestionView {
    const view: QuestionView = {
      id: question.id,
      sessionId,
      text: question.text,
      language: question.language,
      state: question.state,
      highlighted: question.highlighted,
      votes,
      answer: question.answer,
      author: question.anonymous
        ? null
        : { id: question.authorId ?? question.askerKey.replace(/^guest:/, ''), displayName: question.authorName },
      anonymous: question.anonymous,
      mine: viewer.key !== null && question.askerKey === viewer.key,
      createdAt: question.createdAt,
      answeredAt: question.answeredAt,
    };
    if (viewer.moderates) {
      if (question.anonymous) view.pseudonym = this.pseudonymOf(sessionId, question.askerKey);
      view.dismissReason = question.dismissReason;
      view.dismissNote = question.dismissNote;
      view.mergedInto = question.mergedInto;
    }
    return view;
  }

  /** "Anonymous 7QK4": the same for one asker throughout a session, and different in each session. */
  pseudonymOf(sessionId: string, askerKey: string): string {
    const digest = createHmac('sha256', this.config.jwt.accessSecret).update(`${sessionId}:${askerKey}`).digest();
    let tag = '';
    for (let i = 0; i < 4; i++) tag += CODE_ALPHABET[digest[i] % CODE_ALPHABET.length];
    return `Anonymous ${tag}`;
  }
}

function pick(record: object, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, (record as Record<string, unknown>)[key]]));
}

function describe(action: QuestionModeration | null): string {
  const done: Record<QuestionModeration, string> = {
    approve: 'approved',
    dismiss: 'dismissed',
    answer: 'answered',
    highlight: 'highlighted',
    unhighlight: 'unhighlighted',
    restore: 'restored',
    merge: 'merged',
    edit: 'edited',
  };
  return action ? done[action] : 'withdrawn';
}
