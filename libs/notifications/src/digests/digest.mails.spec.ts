import { describe, expect, it } from '@jest/globals';
import { MAIL_LOCALES } from '@plenary/mail';
import { NOTIFICATION_KINDS } from '../model/notification-kinds.js';
import { type DigestMailData, digestMail } from './digest.mails.js';

const data = (overrides: Partial<DigestMailData> = {}): DigestMailData => ({
  displayName: 'Amina',
  frequency: 'daily',
  unreadCount: 0,
  notifications: [],
  threads: [],
  notificationsUrl: 'https://plenary.example.org/notifications',
  ...overrides,
});

const thread = { title: 'Fair recruitment', categoryName: 'Labour migration', url: 'https://p.example/forum/t/1' };

describe('digestMail', () => {
  it('is not transactional: it carries an unsubscribe link', () => {
    expect(digestMail.transactional).toBe(false);
  });

  it.each([
    ['en', 'Your daily digest — 1 unread notification', 'Your weekly digest — 3 unread notifications, 2 new threads'],
    [
      'fr',
      'Votre résumé quotidien — 1 notification non lue',
      'Votre résumé hebdomadaire — 3 notifications non lues, 2 nouvelles discussions',
    ],
    [
      'es',
      'Su resumen diario — 1 notificación sin leer',
      'Su resumen semanal — 3 notificaciones sin leer, 2 conversaciones nuevas',
    ],
  ] as const)('counts what is new in its subject (%s)', (locale, one, several) => {
    expect(digestMail.render[locale](data({ unreadCount: 1 })).subject).toBe(one);
    const weekly = data({ frequency: 'weekly', unreadCount: 3, threads: [thread, thread] });
    expect(digestMail.render[locale](weekly).subject).toBe(several);
  });

  it('says every kind of notification in every language, naming someone when the actor is gone', () => {
    for (const locale of MAIL_LOCALES) {
      const notifications = NOTIFICATION_KINDS.flatMap((kind) =>
        [null, 'revised', 'publish', 'request_changes', 'reject'].map((action) => ({
          kind,
          actor: null,
          text: 'Fair recruitment',
          action,
          url: null,
        })),
      );
      const content = digestMail.render[locale](data({ unreadCount: notifications.length, notifications }));
      for (const item of content.items ?? []) {
        expect(item.text).not.toMatch(/undefined|null|\{\{/);
        expect(item.text.length).toBeGreaterThan(10);
      }
      expect(new Set(content.items?.map((item) => item.text)).size).toBeGreaterThanOrEqual(NOTIFICATION_KINDS.length);
    }
    expect(
      digestMail.render.fr(
        data({ unreadCount: 1, notifications: [{ kind: 'mention', actor: null, text: 'X', action: null, url: null }] }),
      ).items,
    ).toEqual([{ text: 'Quelqu’un vous a mentionné dans « X »' }]);
  });

  it('links each notification and thread, and says when only the latest notifications are listed', () => {
    const reply = { kind: 'reply' as const, actor: 'Ben', text: 'Remittances', action: null };
    const notifications = Array.from({ length: 10 }, (_, n) => ({ ...reply, url: `https://p.example/forum/t/${n}` }));
    const content = digestMail.render.en(data({ unreadCount: 12, notifications, threads: [thread] }));
    expect(content.items?.[0]).toEqual({ text: 'Ben replied in “Remittances”', url: 'https://p.example/forum/t/0' });
    expect(content.items?.[10]).toEqual({ text: 'New in Labour migration: “Fair recruitment”', url: thread.url });
    expect(content.paragraphs).toEqual([
      'Since your last digest: 12 unread notifications and 1 new thread in the categories you follow.',
      'The 10 latest notifications are below; all of them are on your notifications page.',
    ]);
    expect(content.action).toEqual({
      label: 'Open your notifications',
      url: 'https://plenary.example.org/notifications',
    });
    expect(digestMail.render.en(data({ unreadCount: 2, notifications: notifications.slice(0, 2) })).paragraphs).toEqual(
      ['Since your last digest: 2 unread notifications.'],
    );
  });
});
