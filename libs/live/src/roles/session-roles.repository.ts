import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import type { SessionRole } from '../model/live-kinds.js';
import { SessionRoleAssignment, type SessionRoleRecord } from './session-role.schema.js';

@Injectable()
export class SessionRolesRepository extends BaseRepository<SessionRoleAssignment> {
  constructor(@InjectModel(SessionRoleAssignment.name) model: Model<SessionRoleAssignment>) {
    super(model);
  }

  /** Gives the member the role in the session, replacing the one they held. */
  async assign(sessionId: string, userId: string, role: SessionRole): Promise<void> {
    await this.upsert({ sessionId, userId }, { $set: { role } });
  }

  /** True when the member held a role there. */
  remove(sessionId: string, userId: string): Promise<boolean> {
    return this.deleteOne({ sessionId, userId });
  }

  ofSession(sessionId: string): Promise<SessionRoleRecord[]> {
    return this.findMany({ sessionId }, { _id: 1 });
  }

  ofUser(userId: string): Promise<SessionRoleRecord[]> {
    return this.findMany({ userId });
  }

  async role(sessionId: string, userId: string): Promise<SessionRole | null> {
    return (await this.findOne({ sessionId, userId }))?.role ?? null;
  }

  async countOf(sessionId: string, role: SessionRole): Promise<number> {
    return this.count({ sessionId, role });
  }

  async deleteForSessions(sessionIds: string[]): Promise<void> {
    await this.deleteMany({ sessionId: { $in: sessionIds } });
  }

  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}
