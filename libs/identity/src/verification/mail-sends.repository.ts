import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { AccountMailSend, type AccountMailSendRecord } from './mail-send.schema.js';

@Injectable()
export class MailSendsRepository extends BaseRepository<AccountMailSend> {
  constructor(@InjectModel(AccountMailSend.name) model: Model<AccountMailSend>) {
    super(model);
  }

  /** The latest `count` mails of the kind sent to the account, newest first. */
  latest(userId: string, kind: string, count: number): Promise<AccountMailSendRecord[]> {
    return this.findMany({ userId, kind }, { sequence: -1 }, count);
  }

  /** Throws DuplicateKeyError when another request stored this number first. */
  async record(userId: string, kind: string, sequence: number, sentAt: Date): Promise<void> {
    await this.insertOne({ userId, kind, sequence, sentAt });
  }

  async forgetUpTo(userId: string, kind: string, sequence: number): Promise<void> {
    await this.deleteMany({ userId, kind, sequence: { $lte: sequence } });
  }

  async deleteAllFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}
