import { Injectable } from '@nestjs/common';
import { ProfilesService } from '@plenary/community';
import { ApiError, DomainEvents, ModeratorActed } from '@plenary/core';
import type { Guest, Principal } from '@plenary/identity';
import { LiveAbilities, subject } from '../access/live-abilities.js';
import { LIVE_QUESTION, LIVE_SESSION } from '../model/live-kinds.js';
import { QuestionsRepository, QuestionVotesRepository } from '../questions/questions.repository.js';
import { QuestionsService } from '../questions/questions.service.js';
import { LiveSessionsService } from '../sessions/sessions.service.js';
import type { QuestionAuthor, SessionReport } from './dto/report.dto.js';
import { askerLabel, countQuestions, exportRows, type QuestionExportRow } from './session-report.js';

/**
 * Who may reveal an anonymous asker. No live rule grants it, not to hosts, session moderators or
 * platform moderators: only the platform admin's outranking `manage all` does.
 */
export const REVEAL_AUTHOR = 'revealAuthor';

/**
 * What a session leaves behind: the export of its questions for its staff, its report (counters
 * derived from the question and vote documents, nothing stored), and, for platform admins only, who
 * asked an anonymous question, which goes to the audit log.
 */
@Injectable()
export class LiveReportsService {
  constructor(
    private readonly abilities: LiveAbilities,
    private readonly sessions: LiveSessionsService,
    private readonly questions: QuestionsRepository,
    private readonly votes: QuestionVotesRepository,
    private readonly questionsService: QuestionsService,
    private readonly profiles: ProfilesService,
    private readonly events: DomainEvents,
  ) {}

  /** Every question of the session with its votes, for those who export it (hosts, its moderators, platform moderators). */
  async exportQuestions(principal: Principal, sessionId: string): Promise<QuestionExportRow[]> {
    const caller = await this.abilities.of(principal);
    const session = await this.sessions.openFor(caller, sessionId, 'export');
    const questions = await this.questions.inSession(session.id);
    const votes = await this.votes.counts(questions.map((question) => question.id));
    return exportRows(questions, votes, (question) =>
      askerLabel(question, (id, key) => this.questionsService.pseudonymOf(id, key)),
    );
  }

  /** The session's counters: to whoever may see the session once it has ended, to its staff before. */
  async report(principal: Principal | null, guest: Guest | null, sessionId: string): Promise<SessionReport> {
    const caller = await this.abilities.of(principal, guest);
    const session = await this.sessions.open(caller, sessionId);
    if (session.status !== 'ended' && !caller.can('export', LIVE_SESSION, subject(session))) {
      throw ApiError.forbidden("The session's report opens to its attendees once the session has ended");
    }
    const questions = await this.questions.inSession(session.id);
    const votes = await this.votes.counts(questions.map((question) => question.id));
    return {
      sessionId: session.id,
      title: session.title,
      status: session.status,
      startedAt: session.startedAt,
      endedAt: session.endedAt,
      questions: countQuestions(questions),
      votes: [...votes.values()].reduce((sum, count) => sum + count, 0),
      forumThreadId: session.forumThreadId ?? null,
    };
  }

  /**
   * Who asked the question, anonymous or not: platform admins only (403 to everyone else, before
   * anything is looked up). The lookup is recorded in the audit log first; the entry names the
   * question, never the asker, since moderators and group managers read that log.
   */
  async revealAuthor(principal: Principal, questionId: string): Promise<QuestionAuthor> {
    const caller = await this.abilities.of(principal);
    if (!caller.abilities.can(REVEAL_AUTHOR, LIVE_QUESTION)) throw forbidden();
    const question = await this.questions.findById(questionId);
    if (!question) throw ApiError.notFound('Question');
    const session = await this.sessions.open(caller, question.sessionId);
    if (!caller.can(REVEAL_AUTHOR, LIVE_QUESTION, { ...subject(question), groupId: session.groupId }))
      throw forbidden();
    await this.events.publish(ModeratorActed, {
      actorId: principal.id,
      action: 'question.reveal_author',
      target: { type: 'live_question', id: question.id, groupId: session.groupId },
      reason: null,
      before: {},
      after: {},
    });
    if (!question.authorId) return { userId: null, displayName: question.authorName, guest: true };
    const name = (await this.profiles.authorNames([question.authorId])).get(question.authorId);
    return {
      userId: question.authorId,
      displayName: name?.id ? name.displayName : question.authorName,
      guest: false,
    };
  }
}

function forbidden(): ApiError {
  return ApiError.forbidden('Only platform admins may look up who asked a question');
}
