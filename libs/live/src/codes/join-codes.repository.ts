import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import { JoinCode, type JoinCodeRecord } from './join-code.schema.js';

@Injectable()
export class JoinCodesRepository extends BaseRepository<JoinCode> {
  constructor(@InjectModel(JoinCode.name) model: Model<JoinCode>) {
    super(model);
  }

  /** Throws DuplicateKeyError when another current session holds the code. */
  claim(code: string, sessionId: string): Promise<JoinCodeRecord> {
    return this.insertOne({ code, sessionId });
  }

  find(code: string): Promise<JoinCodeRecord | null> {
    return this.findOne({ code });
  }

  async release(sessionId: string): Promise<void> {
    await this.deleteOne({ sessionId });
  }

  async releaseAll(sessionIds: string[]): Promise<void> {
    await this.deleteMany({ sessionId: { $in: sessionIds } });
  }
}
