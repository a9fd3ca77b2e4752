import { Injectable, type OnModuleInit, UseFilters, UsePipes } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  type OnGatewayDisconnect,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import { GroupMembershipEnded, GroupVisibilityChanged } from '@plenary/community';
import { createValidationPipe, DomainEvents } from '@plenary/core';
import { AccountSuspended, AllowUnverified, Authenticated, type Guest, type Principal } from '@plenary/identity';
import { type Ack, ok, room, SocketAuthenticator, WsAckFilter } from '@plenary/realtime';
import type { Namespace, Socket } from 'socket.io';
import { LiveAbilities, type LiveCaller, subject } from '../access/live-abilities.js';
import { LIVE_SESSION, PUBLIC_QUESTION_STATES, type QuestionState } from '../model/live-kinds.js';
import { QuestionChanged, SessionUpdated } from '../model/live.events.js';
import {
  AskDto,
  ModerateDto,
  QuestionRefDto,
  SessionRefDto,
  type QuestionView,
} from '../questions/dto/question.dto.js';
import type { QuestionRecord } from '../questions/question.schema.js';
import { QuestionsService } from '../questions/questions.service.js';
import { VoteTally } from '../questions/vote-tally.js';
import { PollVoteDto, type PollVoteView, type PollView } from '../polls/dto/poll.dto.js';
import { type PollResults, PollTally } from '../polls/poll-tally.js';
import type { PollRecord } from '../polls/poll.schema.js';
import { PollChanged, PollsService } from '../polls/polls.service.js';
import type { SessionView } from '../sessions/dto/session.dto.js';
import { LiveSessionsRepository } from '../sessions/sessions.repository.js';
import { LiveSessionsService } from '../sessions/sessions.service.js';
import { askerRoom, liveRoom } from './live-rooms.js';
import { Presence } from './presence.js';

export const LIVE_NAMESPACE = '/live';
const CALLER_CACHE_MS = 2_000;

interface LiveSocketData {
  user?: Principal;
  guest?: Guest;
}
type LiveSocket = Socket<
  Record<string, never>,
  Record<string, (payload: never) => void>,
  Record<string, never>,
  LiveSocketData
>;

export interface Snapshot {
  session: SessionView;
  questions: QuestionView[];
  myVotes: string[];
  /** The open polls, and the closed ones whose results are shown, as the caller may see them. */
  polls: PollView[];
  attendees: number;
  role: SessionView['role'];
}

/**
 * The /live namespace: members with their access token and guests with their session's token join
 * a session's room after an access check, and get a snapshot to start from. Questions go out once
 * stored, to each audience as it may see them: attendees never get pending or dismissed ones, the
 * session's moderators get every state (anonymous askers as pseudonyms), and the asker gets theirs
 * as `mine`. Votes are acked at once and their counts sent in batches (VoteTally); poll votes
 * likewise (PollTally), their results reaching attendees only once the hosts show them. A socket whose
 * caller loses access (removed from the session's group, suspended) leaves the session's rooms.
 */
@Injectable()
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
@Authenticated({ guests: true })
@UsePipes(createValidationPipe())
@UseFilters(new WsAckFilter())
export class LiveGateway implements OnModuleInit, OnGatewayDisconnect {
  @WebSocketServer()
  private readonly server?: Namespace;

  /** Outside socket.data: recovery stores socket.data (in Redis with the adapter), and abilities hold functions. */
  private readonly callers = new WeakMap<LiveSocket, { value: LiveCaller; until: number }>();

  constructor(
    private readonly authenticator: SocketAuthenticator,
    private readonly abilities: LiveAbilities,
    private readonly sessions: LiveSessionsService,
    private readonly sessionRecords: LiveSessionsRepository,
    private readonly questions: QuestionsService,
    private readonly tally: VoteTally,
    private readonly presence: Presence,
    private readonly events: DomainEvents,
    private readonly polls: PollsService,
    private readonly pollTally: PollTally,
  ) {}

  onModuleInit(): void {
    this.authenticator.admitGuestsOn(LIVE_NAMESPACE);
    const name = LiveGateway.name;
    this.events.subscribe(QuestionChanged, name, ({ question, previousState }) =>
      this.sendQuestion(question as QuestionRecord, previousState as QuestionState | null),
    );
    this.events.subscribe(SessionUpdated, name, ({ sessionId }) => this.sendSession(sessionId));
    this.events.subscribe(PollChanged, name, async ({ poll }) =>
      this.sendPoll(poll, await this.polls.resultsOf(poll), false),
    );
    this.pollTally.onBatch((poll, results) => this.sendPoll(poll, results, true));
    this.events.subscribe(GroupMembershipEnded, name, ({ userId }) => this.recheck(room.user(userId)));
    this.events.subscribe(GroupVisibilityChanged, name, async ({ groupId }) => {
      for (const session of await this.sessionRecords.inGroup(groupId))
        await this.recheck(liveRoom.session(session.id));
    });
    this.events.subscribe(AccountSuspended, name, ({ userId }) => {
      this.server?.in(room.user(userId)).disconnectSockets(true);
    });
    this.tally.onBatch((sessionId, counts) =>
      this.server?.to(liveRoom.session(sessionId)).emit('questions:votes', { counts }),
    );
    this.presence.onChange((sessionId, count) =>
      this.server?.to(liveRoom.session(sessionId)).emit('presence', { count }),
    );
  }

  handleDisconnect(socket: LiveSocket): void {
    // The rooms a socket was in are gone by now: recount the sessions it had joined.
    for (const sessionId of (socket.data as { sessions?: string[] }).sessions ?? []) this.countPresence(sessionId);
  }

  @SubscribeMessage('session:join')
  @AllowUnverified()
  async join(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: SessionRefDto): Promise<Ack<Snapshot>> {
    const caller = await this.callerOf(socket);
    const session = await this.sessions.open(caller, dto.sessionId.toLowerCase());
    const viewer = this.questions.viewerOf(caller, session);
    const rooms = [liveRoom.session(session.id)];
    if (viewer.moderates) rooms.push(liveRoom.staff(session.id));
    if (viewer.key) rooms.push(askerRoom(session.id, viewer.key));
    if (caller.principal) rooms.push(room.user(caller.principal.id));
    await socket.join(rooms);
    const data = socket.data as { sessions?: string[] };
    data.sessions = [...new Set([...(data.sessions ?? []), session.id])];
    this.countPresence(session.id);
    const [view, listed, attendees, polls] = await Promise.all([
      this.sessions.viewOf(caller, session),
      this.questions.list(caller, session),
      this.presence.count(session.id),
      this.polls.snapshot(caller, session),
    ]);
    return ok({
      session: view,
      questions: listed.items,
      myVotes: listed.myVotes,
      polls,
      attendees,
      role: view.role,
    });
  }

  @SubscribeMessage('session:leave')
  @AllowUnverified()
  async leave(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: SessionRefDto): Promise<Ack<SessionRefDto>> {
    const sessionId = dto.sessionId.toLowerCase();
    await this.leaveSession(socket, sessionId);
    return ok({ sessionId });
  }

  @SubscribeMessage('question:ask')
  async ask(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: AskDto): Promise<Ack<QuestionView>> {
    return ok(await this.questions.ask(await this.callerOf(socket), dto));
  }

  @SubscribeMessage('question:vote')
  async vote(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: QuestionRefDto) {
    return ok(await this.questions.vote(await this.callerOf(socket), dto.questionId, true));
  }

  @SubscribeMessage('question:unvote')
  async unvote(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: QuestionRefDto) {
    return ok(await this.questions.vote(await this.callerOf(socket), dto.questionId, false));
  }

  @SubscribeMessage('question:withdraw')
  async withdraw(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() dto: QuestionRefDto,
  ): Promise<Ack<QuestionView>> {
    return ok(await this.questions.withdraw(await this.callerOf(socket), dto.questionId));
  }

  @SubscribeMessage('question:moderate')
  async moderate(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: ModerateDto): Promise<Ack<QuestionView>> {
    return ok(await this.questions.moderate(await this.callerOf(socket), dto));
  }

  @SubscribeMessage('poll:vote')
  async pollVote(@ConnectedSocket() socket: LiveSocket, @MessageBody() dto: PollVoteDto): Promise<Ack<PollVoteView>> {
    return ok(await this.polls.vote(await this.callerOf(socket), dto));
  }

  /**
   * The socket's caller with their group and session roles, loaded at most every CALLER_CACHE_MS
   * (a member's roles and invited events cost three reads; votes come many a second). A lost role
   * shows within that, and a lost group at once (recheck).
   */
  private async callerOf(socket: LiveSocket): Promise<LiveCaller> {
    const now = Date.now();
    const cached = this.callers.get(socket);
    if (cached && cached.until > now) return cached.value;
    const value = await this.abilities.of(socket.data.user ?? null, socket.data.guest ?? null);
    this.callers.set(socket, { value, until: now + CALLER_CACHE_MS });
    return value;
  }

  private async leaveSession(socket: Pick<LiveSocket, 'leave' | 'data'> & { rooms: Set<string> }, sessionId: string) {
    for (const name of [...socket.rooms]) {
      if (
        liveRoom.session.idOf(name) === sessionId ||
        liveRoom.staff.idOf(name) === sessionId ||
        liveRoom.asker.idOf(name)?.startsWith(`${sessionId}.`)
      ) {
        await socket.leave(name);
      }
    }
    const data = socket.data as { sessions?: string[] };
    data.sessions = (data.sessions ?? []).filter((id) => id !== sessionId);
    this.countPresence(sessionId);
  }

  private countPresence(sessionId: string): void {
    this.presence.setLocal(sessionId, this.server?.adapter.rooms.get(liveRoom.session(sessionId))?.size ?? 0);
  }

  /** Every socket in the room leaves the sessions its caller may no longer see, and the staff rooms of those they no longer moderate. */
  private async recheck(name: string): Promise<void> {
    if (!this.server) return;
    for (const socket of await this.server.in(name).fetchSockets()) {
      const caller = await this.abilities.of(
        (socket.data as LiveSocketData).user ?? null,
        (socket.data as LiveSocketData).guest ?? null,
      );
      for (const joined of [...socket.rooms]) {
        const sessionId = liveRoom.session.idOf(joined);
        if (!sessionId) continue;
        const session = await this.sessionRecords.findById(sessionId);
        if (!session || !caller.can('read', LIVE_SESSION, subject(session))) {
          for (const other of [...socket.rooms]) {
            if (other.includes(sessionId) && other !== room.user(caller.principal?.id ?? '')) socket.leave(other);
          }
        } else if (!caller.can('moderate', LIVE_SESSION, subject(session))) {
          socket.leave(liveRoom.staff(sessionId));
        }
      }
    }
  }

  /** Sends a stored question to each audience as it may see it. */
  private async sendQuestion(question: QuestionRecord, previousState: QuestionState | null): Promise<void> {
    if (!this.server) return;
    const sessionId = question.sessionId;
    const votes = (await this.tally.countsOf([question.id])).get(question.id) ?? 0;
    const asker = askerRoom(sessionId, question.askerKey);
    const staff = liveRoom.staff(sessionId);
    const isNew = previousState === null;
    this.server.to(staff).emit(isNew ? 'question:created' : 'question:updated', {
      question: this.questions.view(question, votes, { key: null, moderates: true }, sessionId),
    });
    this.server
      .to(asker)
      .except(staff)
      .emit(isNew ? 'question:created' : 'question:updated', {
        question: this.questions.view(question, votes, { key: question.askerKey, moderates: false }, sessionId),
      });
    const visible = PUBLIC_QUESTION_STATES.includes(question.state);
    const wasVisible = previousState !== null && PUBLIC_QUESTION_STATES.includes(previousState);
    const attendees = this.server.to(liveRoom.session(sessionId)).except([staff, asker]);
    if (visible) {
      attendees.emit(wasVisible ? 'question:updated' : 'question:created', {
        question: this.questions.view(question, votes, { key: null, moderates: false }, sessionId),
      });
    } else if (wasVisible) {
      attendees.emit('question:removed', { questionId: question.id });
    }
  }

  /**
   * Sends a stored poll: to the staff room with its results; to the other attendees (drafts never)
   * with its results only once shown. A vote batch (`votesOnly`) reaches attendees only then.
   */
  private sendPoll(poll: PollRecord, results: PollResults, votesOnly: boolean): void {
    if (!this.server) return;
    const staff = liveRoom.staff(poll.sessionId);
    this.server.to(staff).emit('poll:updated', { poll: this.polls.view(poll, results) });
    if (poll.state === 'draft' || (votesOnly && !poll.showResults)) return;
    this.server
      .to(liveRoom.session(poll.sessionId))
      .except(staff)
      .emit('poll:updated', { poll: this.polls.view(poll, poll.showResults ? results : null) });
  }

  private async sendSession(sessionId: string): Promise<void> {
    const session = await this.sessionRecords.findById(sessionId);
    if (!session || !this.server) return;
    const view = await this.sessions.viewOf(await this.abilities.of(null), session);
    this.server.to(liveRoom.session(sessionId)).emit('session:updated', { session: { ...view, link: null } });
  }
}
