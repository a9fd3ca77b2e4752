import { useCallback, useEffect, useRef, useState } from 'react';
import type { Ack } from '../../api/socket';
import type { Question } from './live-types';
import type { LiveRoom } from './useLiveSession';

export interface OutgoingQuestion {
  clientId: string;
  text: string;
  anonymous: boolean;
  language?: string;
}

type Refused = Extract<Ack<never>, { ok: false }>['error'];

const key = (sessionId: string) => `plenary.outbox.${sessionId}`;

/** A version-4 UUID; crypto.randomUUID exists only on HTTPS pages, and a room's Wi-Fi may serve plain HTTP. */
function uuid(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function load(sessionId: string): OutgoingQuestion[] {
  try {
    return JSON.parse(localStorage.getItem(key(sessionId)) ?? '[]') as OutgoingQuestion[];
  } catch {
    return [];
  }
}

/**
 * Questions on their way: kept in this browser until the server has them, so that nothing typed is lost when the
 * connection drops (or the page reloads). Each is sent with its clientId, and sent again after a reconnection when
 * no answer came: the server answers a repeated clientId with the question it already made, so it arrives once.
 */
export function useAskOutbox(sessionId: string, live: Pick<LiveRoom, 'connection' | 'emit' | 'upsertQuestion'>) {
  const [outgoing, setOutgoing] = useState<OutgoingQuestion[]>(() => load(sessionId));
  const [refused, setRefused] = useState<{ question: OutgoingQuestion; error: Refused } | null>(null);
  const sending = useRef(false);
  const { connection, emit, upsertQuestion } = live;

  const save = useCallback(
    (next: OutgoingQuestion[]) => {
      if (next.length > 0) localStorage.setItem(key(sessionId), JSON.stringify(next));
      else localStorage.removeItem(key(sessionId));
      setOutgoing(next);
    },
    [sessionId],
  );

  const flush = useCallback(async () => {
    if (sending.current) return;
    sending.current = true;
    try {
      for (let queue = load(sessionId); queue.length > 0; queue = load(sessionId)) {
        const [next, ...rest] = queue;
        let answer: Ack<Question>;
        try {
          answer = await emit<Question>('question:ask', { sessionId, ...next });
        } catch {
          return; // offline or no answer in time: tried again once connected
        }
        save(rest);
        if (answer.ok) upsertQuestion(answer.data);
        else setRefused({ question: next, error: answer.error });
      }
    } finally {
      sending.current = false;
    }
  }, [emit, save, sessionId, upsertQuestion]);

  useEffect(() => {
    if (connection === 'live') void flush();
  }, [connection, flush]);

  const ask = useCallback(
    (question: Omit<OutgoingQuestion, 'clientId'>) => {
      setRefused(null);
      save([...load(sessionId), { ...question, clientId: uuid() }]);
      void flush();
    },
    [flush, save, sessionId],
  );

  return { outgoing, refused, ask, dismissRefusal: () => setRefused(null) };
}
