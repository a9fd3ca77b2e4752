export * from './mail.module.js';
export * from './mailer.js';
export * from './model/mail-template.js';
export { MailQueue } from './queue/mail-queue.js';
