import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { findFreePort } from '@plenary/database';
import { eventually } from './eventually.js';

/** A real SMTP server in the test process, keeping every mail it accepts, parsed. */
export interface TestSmtp {
  /** smtp://127.0.0.1:port, for SMTP_URL. */
  url: string;
  mails: ParsedMail[];
  /** The mails to an address (any letter case), oldest first. */
  mailsTo(address: string): ParsedMail[];
  /** Waits for a mail to the address matching the predicate (default: any) and returns it. */
  waitForMail(address: string, matches?: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  /** Stops listening (an SMTP outage); `start` listens again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startTestSmtp(): Promise<TestSmtp> {
  const port = await findFreePort();
  const mails: ParsedMail[] = [];
  let server: SMTPServer | null = null;
  const addressesOf = (mail: ParsedMail) =>
    [mail.to ?? []].flat().flatMap((to) => to.value.map((address) => (address.address ?? '').toLowerCase()));
  const smtp: TestSmtp = {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    mailsTo: (address) => mails.filter((mail) => addressesOf(mail).includes(address.toLowerCase())),
    waitForMail: async (address, matches = () => true, timeoutMs = 15_000) => {
      let found: ParsedMail | undefined;
      await eventually(async () => {
        found = smtp.mailsTo(address).find(matches);
        if (!found) throw new Error(`no mail to ${address} yet (${mails.length} received in all)`);
      }, timeoutMs);
      return found as ParsedMail;
    },
    start: async () => {
      server = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS'],
        logger: false,
        // An outage drops open connections at once (the app's SMTP pool keeps some open).
        closeTimeout: 100,
        onData(stream, _session, callback) {
          simpleParser(stream)
            .then((mail) => {
              mails.push(mail);
              callback();
            })
            .catch((error: Error) => callback(error));
        },
      });
      await new Promise<void>((resolve, reject) => {
        server?.once('error', reject);
        server?.listen(port, '127.0.0.1', () => resolve());
      });
    },
    stop: async () => {
      const running = server;
      server = null;
      if (running) await new Promise<void>((resolve) => running.close(() => resolve()));
    },
  };
  await smtp.start();
  return smtp;
}

/** The first link in the mail's text part whose path starts with `path` (`/verify-email`). */
export function linkIn(mail: ParsedMail, path: string): URL {
  for (const match of (mail.text ?? '').matchAll(/https?:\/\/\S+/g)) {
    const url = new URL(match[0]);
    if (url.pathname.startsWith(path)) return url;
  }
  throw new Error(`no ${path} link in the mail "${mail.subject}":\n${mail.text}`);
}
