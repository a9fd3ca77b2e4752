import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AppConfig } from '@plenary/core';
import { Mailer } from './mailer.js';
import { MailClaim, MailClaimSchema, MailJob, MailJobSchema } from './queue/mail-job.schema.js';
import { MailClaimsRepository, MailJobsRepository } from './queue/mail-jobs.repository.js';
import { MailQueue } from './queue/mail-queue.js';
import { MailTransport, OutboxTransport, SmtpTransport } from './transport/mail-transport.js';

/**
 * Mail: rendered from templates in the recipient's language, queued in the database, sent off the
 * request path over SMTP (SMTP_URL) or, without it, logged and written to MAIL_DIR.
 */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: MailJob.name, schema: MailJobSchema },
      { name: MailClaim.name, schema: MailClaimSchema },
    ]),
  ],
  providers: [
    Mailer,
    MailQueue,
    MailJobsRepository,
    MailClaimsRepository,
    {
      provide: MailTransport,
      inject: [AppConfig],
      useFactory: ({ mail }: AppConfig) =>
        mail.smtpUrl ? new SmtpTransport(mail.smtpUrl) : new OutboxTransport(mail.outboxDir),
    },
  ],
  exports: [Mailer],
})
export class MailModule {}
