import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Socket } from 'socket.io-client';
import { accessToken, useMember } from '../../api/session';
import { type Ack, emitWithAck, openSocket } from '../../api/socket';
import { guestPass } from './guest-pass';
import type { LiveSession, Poll, Question, SessionRole, Snapshot } from './live-types';

export type Connection = 'connecting' | 'live' | 'reconnecting' | 'refused';

interface LiveState {
  session: LiveSession | null;
  questions: Map<string, Question>;
  myVotes: Set<string>;
  polls: Map<string, Poll>;
  attendees: number;
  role: SessionRole;
  /** How many snapshots arrived: a fresh one (after a join or a resync) bumps it, for what loads beside the socket. */
  snapshots: number;
}

type LiveAction =
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'question'; question: Question }
  | { type: 'removed'; questionId: string }
  | { type: 'votes'; counts: Record<string, number> }
  | { type: 'myVote'; questionId: string; voted: boolean }
  | { type: 'poll'; poll: Poll }
  | { type: 'session'; session: LiveSession; own?: boolean }
  | { type: 'presence'; count: number };

const EMPTY: LiveState = {
  session: null,
  questions: new Map(),
  myVotes: new Set(),
  polls: new Map(),
  attendees: 0,
  role: 'attendee',
  snapshots: 0,
};

function reduce(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case 'snapshot':
      return {
        session: action.snapshot.session,
        questions: new Map(action.snapshot.questions.map((question) => [question.id, question])),
        myVotes: new Set(action.snapshot.myVotes),
        polls: new Map(action.snapshot.polls.map((poll) => [poll.id, poll])),
        attendees: action.snapshot.attendees,
        role: action.snapshot.role,
        snapshots: state.snapshots + 1,
      };
    case 'question': {
      const questions = new Map(state.questions);
      questions.set(action.question.id, action.question);
      return { ...state, questions };
    }
    case 'removed': {
      const questions = new Map(state.questions);
      questions.delete(action.questionId);
      return { ...state, questions };
    }
    case 'votes': {
      const questions = new Map(state.questions);
      for (const [id, votes] of Object.entries(action.counts)) {
        const question = questions.get(id);
        if (question) questions.set(id, { ...question, votes });
      }
      return { ...state, questions };
    }
    case 'myVote': {
      const myVotes = new Set(state.myVotes);
      if (action.voted) myVotes.add(action.questionId);
      else myVotes.delete(action.questionId);
      return { ...state, myVotes };
    }
    case 'poll': {
      const polls = new Map(state.polls);
      const known = polls.get(action.poll.id);
      // Broadcasts carry no one's own vote: keep the caller's.
      polls.set(action.poll.id, { ...action.poll, myVote: action.poll.myVote ?? known?.myVote ?? null });
      return { ...state, polls };
    }
    case 'session':
      if (action.own) return { ...state, session: action.session };
      // The broadcast is the public view: keep what only the caller may see (role, link, abilities).
      return {
        ...state,
        session: state.session
          ? {
              ...action.session,
              role: state.session.role,
              viewer: state.session.viewer,
              link: state.session.link ?? action.session.link,
            }
          : action.session,
      };
    case 'presence':
      return { ...state, attendees: action.count };
  }
}

/** The token this browser joins the session with: the member's, else the guest pass kept for it. */
export function liveToken(sessionId: string): string | null {
  return accessToken() ?? guestPass(sessionId)?.token ?? null;
}

/**
 * One live session over the /live namespace: joins, keeps the snapshot up to date from the server's events, and
 * survives drops. Socket.IO's recovery replays what a short drop missed; after a longer one (or on another
 * instance) the client joins again and starts from a fresh snapshot.
 */
export function useLiveSession(sessionId: string) {
  const member = useMember();
  const [state, dispatch] = useReducer(reduce, EMPTY);
  const [connection, setConnection] = useState<Connection>('connecting');
  const [refusal, setRefusal] = useState<Ack<never> | null>(null);
  const socketRef = useRef<Socket | null>(null);

  useEffect(() => {
    const socket = openSocket('/live', () => liveToken(sessionId));
    socketRef.current = socket;
    const join = async () => {
      try {
        const answer = await emitWithAck<Snapshot>(socket, 'session:join', { sessionId });
        if (answer.ok) {
          dispatch({ type: 'snapshot', snapshot: answer.data });
          setConnection('live');
        } else {
          setRefusal(answer);
          setConnection('refused');
        }
      } catch {
        // No answer in time: the socket is reconnecting, and joins again once it is back.
      }
    };
    socket.on('connect', () => {
      if (socket.recovered) setConnection('live');
      else void join();
    });
    socket.on('disconnect', () => setConnection('reconnecting'));
    socket.on('connect_error', () => setConnection((current) => (current === 'refused' ? current : 'reconnecting')));
    socket.on('question:created', ({ question }: { question: Question }) => dispatch({ type: 'question', question }));
    socket.on('question:updated', ({ question }: { question: Question }) => dispatch({ type: 'question', question }));
    socket.on('question:removed', ({ questionId }: { questionId: string }) =>
      dispatch({ type: 'removed', questionId }),
    );
    socket.on('questions:votes', ({ counts }: { counts: Record<string, number> }) =>
      dispatch({ type: 'votes', counts }),
    );
    socket.on('poll:updated', ({ poll }: { poll: Poll }) => dispatch({ type: 'poll', poll }));
    socket.on('session:updated', ({ session }: { session: LiveSession }) => dispatch({ type: 'session', session }));
    socket.on('presence', ({ count }: { count: number }) => dispatch({ type: 'presence', count }));
    // The browser knows it lost the network before the socket does (a dead Wi-Fi keeps a WebSocket "open" for a
    // while): stop trying until it is back, then reconnect at once rather than after the backoff.
    const offline = () => {
      setConnection((current) => (current === 'refused' ? current : 'reconnecting'));
      socket.disconnect();
    };
    const online = () => {
      if (!socket.connected) socket.connect();
    };
    window.addEventListener('offline', offline);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      socket.disconnect();
      socketRef.current = null;
    };
    // A sign-in or sign-out changes who joins: start over.
  }, [sessionId, member?.id]);

  const emit = useCallback(async <T>(event: string, payload: unknown): Promise<Ack<T>> => {
    const socket = socketRef.current;
    if (!socket?.connected) throw new Error('offline');
    return emitWithAck<T>(socket, event, payload);
  }, []);

  const vote = useCallback(
    async (questionId: string, voted: boolean) => {
      dispatch({ type: 'myVote', questionId, voted });
      try {
        const answer = await emit(voted ? 'question:vote' : 'question:unvote', { questionId });
        if (!answer.ok) dispatch({ type: 'myVote', questionId, voted: !voted });
        return answer;
      } catch (error) {
        dispatch({ type: 'myVote', questionId, voted: !voted });
        throw error;
      }
    },
    [emit],
  );

  const upsertQuestion = useCallback((question: Question) => dispatch({ type: 'question', question }), []);
  const upsertPoll = useCallback((poll: Poll) => dispatch({ type: 'poll', poll }), []);
  const upsertSession = useCallback((session: LiveSession) => dispatch({ type: 'session', session, own: true }), []);

  const questions = useMemo(() => [...state.questions.values()], [state.questions]);
  const polls = useMemo(() => [...state.polls.values()], [state.polls]);
  return {
    ...state,
    questions,
    polls,
    connection,
    refusal,
    emit,
    vote,
    /** Merges what an ack returned (the asker's own question, a moderated one) before its broadcast arrives. */
    upsertQuestion,
    upsertPoll,
    /** The session as the API answered the caller (a PATCH, start or end): their own view, abilities included. */
    upsertSession,
    socket: socketRef,
  };
}

export type LiveRoom = ReturnType<typeof useLiveSession>;
