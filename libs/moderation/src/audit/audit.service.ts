import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DomainEvents, type ModeratorAction, ModeratorActed, pageRequest } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import { ModerationAbilities } from '../access/moderation-abilities.js';
import { AUDIT_ENTRY } from '../model/moderation-kinds.js';
import { People } from '../model/people.js';
import type { AuditEntryRecord } from './audit-entry.schema.js';
import { AuditRepository } from './audit.repository.js';
import { type AuditPage, type AuditQuery, SYSTEM_ACTOR } from './dto/audit.dto.js';

/**
 * The append-only audit log: one entry per moderator action that any context publishes
 * (ModeratorActed), plus what Plenary does itself on moderation's behalf.
 */
@Injectable()
export class AuditService implements OnModuleInit {
  constructor(
    private readonly entries: AuditRepository,
    private readonly abilities: ModerationAbilities,
    private readonly people: People,
    private readonly events: DomainEvents,
  ) {}

  onModuleInit(): void {
    this.events.subscribe(ModeratorActed, AuditService.name, (action) => this.record(action));
  }

  async record({ actorId, action, target, reason, before, after }: ModeratorAction): Promise<void> {
    await this.entries.add({
      actorId,
      action,
      targetType: target.type,
      targetId: target.id,
      groupId: target.groupId,
      reason,
      before,
      after,
      at: new Date(),
    });
  }

  /** The latest of these actions on the target, if any. */
  latest(targetType: string, targetId: string, actions: readonly string[]): Promise<AuditEntryRecord | null> {
    return this.entries.latest(targetType, targetId, actions);
  }

  /** Platform moderators and admins read the whole log; a group's owners and facilitators their groups' entries. */
  async list(principal: Principal, query: AuditQuery): Promise<AuditPage> {
    const { visible } = await this.abilities.scopeOf(principal, AUDIT_ENTRY);
    const page = await this.entries.list(
      visible,
      {
        actorId: query.actor === SYSTEM_ACTOR ? null : query.actor,
        targetType: query.targetType,
        targetId: query.targetId,
        action: query.action,
        since: query.since ? new Date(query.since) : undefined,
        until: query.until ? new Date(query.until) : undefined,
      },
      pageRequest(query),
    );
    const names = await this.people.names(page.items.flatMap((entry) => (entry.actorId ? [entry.actorId] : [])));
    return {
      items: page.items.map((entry) => ({
        id: entry.id,
        actor: entry.actorId ? names(entry.actorId) : null,
        action: entry.action,
        target: { type: entry.targetType, id: entry.targetId, groupId: entry.groupId },
        reason: entry.reason,
        before: entry.before,
        after: entry.after,
        at: entry.at,
      })),
      nextCursor: page.nextCursor,
    };
  }
}
