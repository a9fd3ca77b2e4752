import { Injectable } from '@nestjs/common';
import { ProfilesService } from '@plenary/community';
import { ApiError, type Page, type PageRequest, spreadsheetSafe } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import { stringify } from 'csv-stringify/sync';
import type { AttendanceMode, RegistrationStatus } from '../model/live-kinds.js';
import type { RegistrationRecord } from './registration.schema.js';
import { RegistrationsRepository, SeatsRepository } from './registrations.repository.js';

/** What one registers for: an event (all its sessions) or a standalone session. */
export interface RegistrationTarget {
  key: string;
  capacity: Record<AttendanceMode, number | null>;
  open: boolean;
}

export const eventTarget = (eventId: string) => `event:${eventId}`;
export const sessionTarget = (sessionId: string) => `session:${sessionId}`;

export interface RegistrationOutcome {
  status: RegistrationStatus;
  mode: AttendanceMode;
  /** False when the member was already registered this way (a repeated request). */
  created: boolean;
}

export interface RegistrantView {
  userId: string;
  displayName: string;
  mode: AttendanceMode;
  status: RegistrationStatus;
  registeredAt: Date;
}

/**
 * Registration within a capacity per mode, with a waiting list. The registration document comes
 * first (one per member and target: a double click registers once), then a numbered seat (see
 * Seat): what cannot take a seat waits, first come first served, and moves up when a seat is freed.
 */
@Injectable()
export class Registrations {
  constructor(
    private readonly registrations: RegistrationsRepository,
    private readonly seats: SeatsRepository,
    private readonly profiles: ProfilesService,
  ) {}

  async of(targetKey: string, userId: string): Promise<{ mode: AttendanceMode; status: RegistrationStatus } | null> {
    const found = await this.registrations.find(targetKey, userId);
    return found ? { mode: found.mode, status: found.status } : null;
  }

  async register(target: RegistrationTarget, userId: string, mode: AttendanceMode): Promise<RegistrationOutcome> {
    if (!target.open) throw ApiError.conflict('Registration is closed');
    const capacity = target.capacity[mode];
    let registration: RegistrationRecord;
    try {
      registration = await this.registrations.create(
        target.key,
        userId,
        mode,
        capacity === null ? 'registered' : 'waitlisted',
      );
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
      const existing = await this.registrations.find(target.key, userId);
      if (!existing) throw error;
      if (existing.mode !== mode) {
        throw ApiError.conflict(
          `You are registered ${existing.mode.replace('_', ' ')}: cancel first to change the mode`,
        );
      }
      return { status: existing.status, mode, created: false };
    }
    if (capacity === null) return { status: 'registered', mode, created: true };
    const status = (await this.seatFor(registration, capacity)) ? 'registered' : 'waitlisted';
    return { status, mode, created: true };
  }

  /** Cancels the member's registration; the first on the waiting list of that mode takes the freed seat. */
  async cancel(target: RegistrationTarget, userId: string): Promise<void> {
    const registration = await this.registrations.find(target.key, userId);
    if (!registration) throw ApiError.notFound('Registration');
    await this.registrations.remove(registration.id);
    await this.seats.free(target.key, userId);
    const capacity = target.capacity[registration.mode];
    if (registration.status === 'registered' && capacity !== null)
      await this.promote(target.key, registration.mode, capacity);
  }

  async page(targetKey: string, request: PageRequest): Promise<Page<RegistrantView>> {
    const page = await this.registrations.page(targetKey, request);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async csv(targetKey: string): Promise<string> {
    const registrants = await this.views(await this.registrations.all(targetKey));
    return stringify(
      registrants.map((registrant) => [
        spreadsheetSafe(registrant.displayName),
        registrant.userId,
        registrant.mode,
        registrant.status,
        registrant.registeredAt.toISOString(),
      ]),
      { header: true, columns: ['name', 'member id', 'mode', 'status', 'registered at'] },
    );
  }

  /** The members registered (not waiting) for any of the targets. */
  registeredUserIds(targetKeys: string[]): Promise<string[]> {
    return this.registrations.registeredUserIds(targetKeys);
  }

  async deleteFor(targetKeys: string[]): Promise<void> {
    await this.seats.deleteForTargets(targetKeys);
    await this.registrations.deleteForTargets(targetKeys);
  }

  /** Takes the lowest free seat for the registration and marks it registered; false when every seat is taken. */
  private async seatFor(registration: RegistrationRecord, capacity: number): Promise<boolean> {
    const taken = await this.seats.takenNumbers(registration.targetKey, registration.mode);
    for (let number = 1; number <= capacity; number++) {
      if (taken.has(number)) continue;
      try {
        await this.seats.take(registration.targetKey, registration.mode, number, registration.userId);
      } catch (error) {
        if (error instanceof DuplicateKeyError) continue;
        throw error;
      }
      await this.registrations.setStatus(registration.id, 'waitlisted', 'registered');
      return true;
    }
    return false;
  }

  private async promote(targetKey: string, mode: AttendanceMode, capacity: number): Promise<void> {
    const next = await this.registrations.firstWaiting(targetKey, mode);
    if (next) await this.seatFor(next, capacity);
  }

  private async views(registrations: RegistrationRecord[]): Promise<RegistrantView[]> {
    const names = await this.profiles.authorNames(registrations.map((registration) => registration.userId));
    return registrations.map((registration) => ({
      userId: registration.userId,
      displayName: names.get(registration.userId)?.displayName ?? '',
      mode: registration.mode,
      status: registration.status,
      registeredAt: registration.createdAt,
    }));
  }
}
