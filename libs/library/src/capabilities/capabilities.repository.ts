import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { BaseRepository } from '@plenary/database';
import { type Model, Types } from 'mongoose';
import type { Capability } from '../model/library-kinds.js';
import { CapabilityGrant, type CapabilityGrantRecord } from './capability.schema.js';

@Injectable()
export class CapabilitiesRepository extends BaseRepository<CapabilityGrant> {
  constructor(@InjectModel(CapabilityGrant.name) model: Model<CapabilityGrant>) {
    super(model);
  }

  ofUser(userId: string): Promise<CapabilityGrantRecord[]> {
    return this.findMany({ userId }, { scope: 1 });
  }

  /** Replaces the member's capabilities in the scope; none removes the grant. */
  async set(userId: string, scope: string, capabilities: Capability[], grantedBy: string): Promise<void> {
    if (capabilities.length === 0) {
      await this.deleteOne({ userId, scope });
      return;
    }
    await this.upsert({ userId, scope }, { $set: { capabilities, grantedBy: new Types.ObjectId(grantedBy) } });
  }

  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }

  async deleteScope(scope: string): Promise<void> {
    await this.deleteMany({ scope });
  }
}
