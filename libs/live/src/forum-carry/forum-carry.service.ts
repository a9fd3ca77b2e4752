import { Injectable, Logger } from '@nestjs/common';
import { ApiError, DomainEvents } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { ForumPublishing, THREAD_TITLE_LENGTH } from '@plenary/forum';
import type { Principal } from '@plenary/identity';
import { LiveAbilities } from '../access/live-abilities.js';
import { SessionUpdated } from '../model/live.events.js';
import { QuestionsRepository, QuestionVotesRepository } from '../questions/questions.repository.js';
import { QuestionsService } from '../questions/questions.service.js';
import { askerLabel } from '../reports/session-report.js';
import { LiveSessionsRepository } from '../sessions/sessions.repository.js';
import { LiveSessionsService } from '../sessions/sessions.service.js';
import { carriedTitle, openingPost, questionPost } from './carried-posts.js';
import { ForumCarriesRepository } from './forum-carries.repository.js';

const alreadyCarried = (threadId: string) =>
  ApiError.conflict("The session's questions were carried to the forum already", [
    { field: 'forumThreadId', problem: threadId },
  ]);

/**
 * Carries an ended session's open questions (approved, unanswered) to a forum thread, once: the
 * host starts the thread in a category where the forum lets them, through the forum's own
 * ForumPublishing, so its rules, rendering, events and notifications apply. The posts are the
 * host's, quoting each question; an anonymous asker appears by their pseudonym only.
 */
@Injectable()
export class ForumCarryService {
  private readonly logger = new Logger(ForumCarryService.name);

  constructor(
    private readonly abilities: LiveAbilities,
    private readonly sessions: LiveSessionsService,
    private readonly sessionRecords: LiveSessionsRepository,
    private readonly questions: QuestionsRepository,
    private readonly votes: QuestionVotesRepository,
    private readonly questionsService: QuestionsService,
    private readonly carries: ForumCarriesRepository,
    private readonly forum: ForumPublishing,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Every check comes before the first write (refused input writes nothing); then the claim (one
   * request per session gets it), then the thread, then the session's link to it, then the posts.
   */
  async carry(principal: Principal, sessionId: string, categoryId: string): Promise<{ threadId: string }> {
    const caller = await this.abilities.of(principal);
    const session = await this.sessions.openFor(caller, sessionId, 'manage');
    if (session.status !== 'ended') {
      throw ApiError.conflict('The session has not ended: its questions go to the forum once it has');
    }
    if (session.forumThreadId) throw alreadyCarried(session.forumThreadId);
    await this.forum.assertMayStartThread(principal, categoryId);

    try {
      await this.carries.claim(session.id, principal.id, categoryId);
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const now = await this.sessionRecords.findById(session.id);
      if (now?.forumThreadId) throw alreadyCarried(now.forumThreadId);
      throw ApiError.conflict("The session's questions are being carried to the forum right now");
    }

    let threadId: string;
    let posts: string[];
    try {
      const open = await this.questions.inSession(session.id, ['approved']);
      const counts = await this.votes.counts(open.map((question) => question.id));
      const votesOf = (id: string) => counts.get(id) ?? 0;
      // Most voted first; ties in order of asking (inSession's order, kept by a stable sort).
      posts = [...open]
        .sort((a, b) => votesOf(b.id) - votesOf(a.id))
        .map((question) =>
          questionPost({
            text: question.text,
            asker: askerLabel(question, (id, key) => this.questionsService.pseudonymOf(id, key)),
            votes: votesOf(question.id),
          }),
        );
      ({ threadId } = await this.forum.startThread(principal, categoryId, {
        title: carriedTitle(session.title, THREAD_TITLE_LENGTH.max),
        body: openingPost(session, posts.length),
      }));
    } catch (error) {
      // Nothing was made: free the claim, so that the host may try again.
      await this.carries.release(session.id);
      throw error;
    }

    // The claim keeps any other request out, so this guarded update is the only one that can match.
    const linked = await this.sessions.linkForumThread(session.id, threadId);
    if (!linked) this.logger.warn(`session ${session.id} was removed or linked meanwhile; thread ${threadId} stays`);
    await this.events.publish(SessionUpdated, { sessionId: session.id });
    for (const body of posts) await this.forum.reply(principal, threadId, body);
    return { threadId };
  }
}
