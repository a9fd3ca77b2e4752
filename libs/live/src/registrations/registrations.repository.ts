import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Page, PageRequest } from '@plenary/core';
import { BaseRepository } from '@plenary/database';
import type { Model } from 'mongoose';
import type { AttendanceMode, RegistrationStatus } from '../model/live-kinds.js';
import { Registration, type RegistrationRecord, Seat, type SeatRecord } from './registration.schema.js';

@Injectable()
export class RegistrationsRepository extends BaseRepository<Registration> {
  constructor(@InjectModel(Registration.name) model: Model<Registration>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the member is already registered there. */
  create(targetKey: string, userId: string, mode: AttendanceMode, status: RegistrationStatus) {
    return this.insertOne({ targetKey, userId, mode, status });
  }

  find(targetKey: string, userId: string): Promise<RegistrationRecord | null> {
    return this.findOne({ targetKey, userId });
  }

  setStatus(id: string, from: RegistrationStatus, to: RegistrationStatus): Promise<RegistrationRecord | null> {
    return this.updateOneAndGet({ _id: id, status: from }, { $set: { status: to } });
  }

  remove(id: string): Promise<boolean> {
    return this.deleteOne({ _id: id });
  }

  /** The first on the waiting list of a mode. */
  async firstWaiting(targetKey: string, mode: AttendanceMode): Promise<RegistrationRecord | null> {
    const [first] = await this.findMany({ targetKey, mode, status: 'waitlisted' }, { _id: 1 }, 1);
    return first ?? null;
  }

  page(targetKey: string, page: PageRequest): Promise<Page<RegistrationRecord>> {
    return this.paginate({ targetKey }, { field: '_id', direction: 1 }, page);
  }

  all(targetKey: string): Promise<RegistrationRecord[]> {
    return this.findMany({ targetKey }, { _id: 1 });
  }

  /** The members registered (not waitlisted) for any of the targets. */
  async registeredUserIds(targetKeys: string[]): Promise<string[]> {
    const found = await this.findMany({ targetKey: { $in: targetKeys }, status: 'registered' });
    return [...new Set(found.map((registration) => registration.userId))];
  }

  ofUser(userId: string): Promise<RegistrationRecord[]> {
    return this.findMany({ userId });
  }

  async deleteForTargets(targetKeys: string[]): Promise<void> {
    await this.deleteMany({ targetKey: { $in: targetKeys } });
  }

  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}

@Injectable()
export class SeatsRepository extends BaseRepository<Seat> {
  constructor(@InjectModel(Seat.name) model: Model<Seat>) {
    super(model);
  }

  /** Throws DuplicateKeyError when the number is taken (or the member holds a seat there). */
  take(targetKey: string, mode: AttendanceMode, number: number, userId: string): Promise<SeatRecord> {
    return this.insertOne({ targetKey, mode, number, userId });
  }

  async takenNumbers(targetKey: string, mode: AttendanceMode): Promise<Set<number>> {
    return new Set((await this.findMany({ targetKey, mode })).map((seat) => seat.number));
  }

  async free(targetKey: string, userId: string): Promise<void> {
    await this.deleteOne({ targetKey, userId });
  }

  async deleteForTargets(targetKeys: string[]): Promise<void> {
    await this.deleteMany({ targetKey: { $in: targetKeys } });
  }

  async eraseFor(userId: string): Promise<void> {
    await this.deleteMany({ userId });
  }
}
