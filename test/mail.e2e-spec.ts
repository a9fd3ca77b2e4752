import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getConnectionToken } from '@nestjs/mongoose';
import { Mailer, MailQueue, mailTemplate } from '@plenary/mail';
import type { ParsedMail } from 'mailparser';
import type { Connection } from 'mongoose';
import { eventually } from './support/eventually.js';
import { startTestSmtp, type TestSmtp } from './support/mail.js';
import { startTestApp, type TestApp } from './support/test-app.js';

const notice = mailTemplate<{ name: string; subject: string }>({
  name: 'test.notice',
  transactional: true,
  render: {
    en: ({ name, subject }) => ({
      subject,
      greeting: `Hello ${name},`,
      paragraphs: ['Something happened.'],
      action: { label: 'Open it', url: 'https://plenary.example.org/things/1' },
    }),
    fr: ({ name, subject }) => ({
      subject: `FR ${subject}`,
      greeting: `Bonjour ${name},`,
      paragraphs: ['Il s’est passé quelque chose.'],
    }),
    es: ({ name, subject }) => ({ subject: `ES ${subject}`, greeting: `Hola ${name},`, paragraphs: ['Algo pasó.'] }),
  },
});

const news = mailTemplate<{ count: number }>({
  name: 'test.news',
  transactional: false,
  render: {
    en: ({ count }) => ({ subject: `${count} new things`, paragraphs: ['Here is what is new.'] }),
    fr: ({ count }) => ({ subject: `${count} nouveautés`, paragraphs: ['Voici les nouveautés.'] }),
    es: ({ count }) => ({ subject: `${count} novedades`, paragraphs: ['Estas son las novedades.'] }),
  },
});

const headerLine = (mail: ParsedMail, name: string) => mail.headerLines.find((header) => header.key === name)?.line;

const jobsOf = (app: TestApp) => app.app.get<Connection>(getConnectionToken()).collection('mail_jobs');

describe('mail (a real SMTP server, the queue in the database)', () => {
  let smtp: TestSmtp;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    const variables = {
      SMTP_URL: smtp.url,
      MAIL_POLL_MS: '100',
      MAIL_RETRY_SECONDS: '1',
      PLATFORM_NAME: 'Plenary GCM',
    };
    first = await startTestApp('mail', variables);
    second = await startTestApp('mail', { ...variables, MONGODB_URI: first.config.mongodbUri });
  });

  afterAll(async () => {
    await second?.close({ keepDatabase: true });
    await first?.close();
    await smtp?.stop();
  });

  it('sends a mail in the recipient’s language, as HTML and as text, with the platform’s name', async () => {
    const mailer = first.app.get(Mailer);
    await mailer.send({
      to: 'ana@example.org',
      locale: 'fr',
      template: notice,
      data: { name: 'Ana <3', subject: 'Bienvenue' },
    });
    const mail = await smtp.waitForMail('ana@example.org');
    expect(mail.subject).toBe('FR Bienvenue');
    expect(mail.text).toContain('Bonjour Ana <3,');
    expect(mail.html).toContain('Bonjour Ana &lt;3,');
    expect(mail.html).toContain('Plenary GCM');
    expect(mail.text).toContain('Plenary GCM');
    expect(mail.headers.get('content-language')).toBe('fr');
    expect(headerLine(mail, 'list-unsubscribe')).toBeUndefined();
    expect(mail.from?.text).toContain('no-reply@plenary.localhost');
  });

  it('falls back to English for a language Plenary does not speak', async () => {
    await first.app
      .get(Mailer)
      .send({ to: 'de@example.org', locale: 'de-DE', template: notice, data: { name: 'Jo', subject: 'Hi' } });
    const mail = await smtp.waitForMail('de@example.org');
    expect(mail.subject).toBe('Hi');
    expect(mail.text).toContain('Open it: https://plenary.example.org/things/1');
  });

  it('puts an unsubscribe link and one-click List-Unsubscribe headers on mail that is not transactional, and refuses one without', async () => {
    const mailer = first.app.get(Mailer);
    const unsubscribe = {
      url: 'https://p.example.org/unsubscribe?token=t',
      oneClickUrl: 'https://p.example.org/api/v1/u?token=t',
    };
    await mailer.send({ to: 'news@example.org', locale: 'es', template: news, data: { count: 3 }, unsubscribe });
    const mail = await smtp.waitForMail('news@example.org');
    expect(mail.subject).toBe('3 novedades');
    expect(headerLine(mail, 'list-unsubscribe')).toContain('<https://p.example.org/api/v1/u?token=t>');
    expect(headerLine(mail, 'list-unsubscribe-post')).toContain('List-Unsubscribe=One-Click');
    expect(mail.text).toContain('Darse de baja de estos correos: https://p.example.org/unsubscribe?token=t');
    await expect(
      mailer.send({ to: 'x@example.org', locale: 'en', template: news, data: { count: 1 } }),
    ).rejects.toThrow(/unsubscribe/);
  });

  it('queues a mail with a key once, however often and wherever it is asked for', async () => {
    const sends = await Promise.all(
      [first, second, first, second].map((app) =>
        app.app.get(Mailer).send({
          to: 'once@example.org',
          locale: 'en',
          template: notice,
          data: { name: 'O', subject: 'Once' },
          key: 'once-1',
        }),
      ),
    );
    expect(sends.filter(Boolean)).toHaveLength(1);
    await smtp.waitForMail('once@example.org');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mailsTo('once@example.org')).toHaveLength(1);
  });

  it('keeps mail while the SMTP server is down and delivers it once it is back', async () => {
    await smtp.stop();
    await first.app
      .get(Mailer)
      .send({ to: 'later@example.org', locale: 'en', template: notice, data: { name: 'L', subject: 'Later' } });
    await eventually(async () => {
      const job = await jobsOf(first).findOne({ to: 'later@example.org' });
      expect(job?.status).toBe('queued');
      expect(job?.attempts).toBeGreaterThanOrEqual(1);
      expect(job?.lastError).toBeTruthy();
    });
    await smtp.start();
    const mail = await smtp.waitForMail('later@example.org', undefined, 20_000);
    expect(mail.subject).toBe('Later');
    await eventually(async () => {
      const job = await jobsOf(first).findOne({ to: 'later@example.org' });
      expect(job?.status).toBe('sent');
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(smtp.mailsTo('later@example.org')).toHaveLength(1);
  });

  it('sends every mail exactly once while two instances work the queue', async () => {
    const recipients = Array.from({ length: 40 }, (_, index) => `many-${index}@example.org`);
    await Promise.all(
      recipients.map((to, index) =>
        (index % 2 ? second : first).app
          .get(Mailer)
          .send({ to, locale: 'en', template: notice, data: { name: 'M', subject: 'Many' } }),
      ),
    );
    await Promise.all([first.app.get(MailQueue).drain(), second.app.get(MailQueue).drain()]);
    await eventually(async () => {
      expect(smtp.mails.filter((mail) => mail.subject === 'Many')).toHaveLength(40);
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const delivered = smtp.mails
      .filter((mail) => mail.subject === 'Many')
      .map((mail) => mail.to && [mail.to].flat()[0].text);
    expect(new Set(delivered).size).toBe(40);
    expect(delivered).toHaveLength(40);
    const connection = first.app.get<Connection>(getConnectionToken());
    const jobIds = (await jobsOf(first).find({ subject: 'Many' }).toArray()).map((job) => job._id);
    const workers = await connection.collection('mail_claims').distinct('worker', { jobId: { $in: jobIds } });
    expect(workers).toHaveLength(2);
  });
});

describe('mail without SMTP_URL', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('mail-outbox', { MAIL_POLL_MS: '100' });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('writes each mail to MAIL_DIR as an .eml file instead of sending it', async () => {
    await app.app
      .get(Mailer)
      .send({ to: 'dev@example.org', locale: 'en', template: notice, data: { name: 'Dev', subject: 'Outbox' } });
    const folder = app.config.mail.outboxDir;
    let file = '';
    await eventually(async () => {
      const names = (await readdir(folder)).filter((name) => name.endsWith('.eml'));
      expect(names).toHaveLength(1);
      file = names[0];
    });
    const message = await readFile(`${folder}/${file}`, 'utf8');
    expect(message).toContain('To: dev@example.org');
    expect(message).toContain('Subject: Outbox');
    // the queue marks the job sent once the file is written
    await eventually(async () => {
      expect((await jobsOf(app).findOne({ to: 'dev@example.org' }))?.status).toBe('sent');
    });
  });
});
