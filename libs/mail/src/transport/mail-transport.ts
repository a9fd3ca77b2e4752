import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  /** Stable per mail: a retry carries the same Message-ID, so a receiving server can tell a duplicate. */
  messageId: string;
}

/** Where a mail goes when it is sent. A failure throws; `permanent` says retrying cannot help. */
export abstract class MailTransport {
  abstract deliver(mail: OutgoingMail): Promise<void>;
  abstract close(): void;
}

export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Short timeouts: a worker holds its claim while it waits on the server. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export class SmtpTransport extends MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string) {
    super();
    this.transporter = createTransport({ url, pool: true, maxConnections: 2, ...SMTP_TIMEOUTS });
  }

  async deliver(mail: OutgoingMail): Promise<void> {
    try {
      await this.transporter.sendMail(mail);
    } catch (error) {
      const { code, responseCode, message } = error as { code?: string; responseCode?: number; message: string };
      // A recipient the server refuses for good; anything else (down, busy, auth) may pass later.
      const permanent = code === 'EENVELOPE' && responseCode !== undefined && responseCode >= 500;
      throw new MailDeliveryError(message, permanent);
    }
  }

  close(): void {
    this.transporter.close();
  }
}

/**
 * Without SMTP_URL: each mail is logged (recipient, subject, the text with its links) and written
 * to the outbox folder as an .eml file a mail client opens, instead of being sent.
 */
export class OutboxTransport extends MailTransport {
  private readonly logger = new Logger('Mail');
  private readonly writer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });

  constructor(private readonly folder: string) {
    super();
  }

  async deliver(mail: OutgoingMail): Promise<void> {
    const { message } = (await this.writer.sendMail(mail)) as { message: Buffer };
    await mkdir(this.folder, { recursive: true });
    const file = join(
      this.folder,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.messageId.replace(/[<>@]/g, '')}.eml`,
    );
    // written aside, then renamed: whoever watches the folder never opens half a mail
    await writeFile(`${file}.part`, message);
    await rename(`${file}.part`, file);
    this.logger.log(
      { to: mail.to, subject: mail.subject, file },
      `mail not sent (no SMTP_URL): ${mail.subject}\n${mail.text}`,
    );
  }

  close(): void {
    this.writer.close();
  }
}
