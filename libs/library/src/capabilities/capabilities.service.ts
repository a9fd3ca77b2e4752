import { Injectable } from '@nestjs/common';
import { GroupScope } from '@plenary/community';
import { ApiError, ModeratorActed, DomainEvents } from '@plenary/core';
import { AccessService, type Principal, UsersService } from '@plenary/identity';
import { type Capability, PLATFORM_SCOPE, REVIEW_CAPABILITY } from '../model/library-kinds.js';
import { CapabilitiesRepository } from './capabilities.repository.js';
import type { CapabilitiesDto, CapabilitiesView } from './dto/capabilities.dto.js';

/**
 * Review capabilities: admins grant `editor` and `reviewer` on the platform; a group's owners (and
 * admins) in their group's library. Every change goes to the audit log.
 */
@Injectable()
export class CapabilitiesService {
  constructor(
    private readonly grants: CapabilitiesRepository,
    private readonly access: AccessService,
    private readonly groups: GroupScope,
    private readonly users: UsersService,
    private readonly events: DomainEvents,
  ) {}

  async get(principal: Principal, userId: string): Promise<CapabilitiesView> {
    const mayRead = principal.id === userId || principal.role === 'admin' || principal.role === 'moderator';
    if (!mayRead) throw ApiError.forbidden("Only the member, moderators and admins see a member's capabilities");
    if (!(await this.users.principalOf(userId))) throw ApiError.notFound('User');
    return this.view(userId);
  }

  async put(principal: Principal, userId: string, dto: CapabilitiesDto): Promise<CapabilitiesView> {
    const groupId = dto.groupId ?? null;
    const groupRoles = await this.groups.rolesOf(principal);
    if (groupId) await this.groups.open(principal, groupId);
    this.access.for(principal, { groupRoles }).assert('grant', REVIEW_CAPABILITY, { groupId });
    const target = await this.users.principalOf(userId);
    if (!target) throw ApiError.notFound('User');
    const scope = groupId ?? PLATFORM_SCOPE;
    const before = (await this.grants.ofUser(userId)).find((grant) => grant.scope === scope)?.capabilities ?? [];
    await this.grants.set(userId, scope, dto.capabilities, principal.id);
    await this.events.publish(ModeratorActed, {
      actorId: principal.id,
      action: 'library.capabilities',
      target: { type: 'user', id: userId, groupId },
      reason: null,
      before: { capabilities: before },
      after: { capabilities: dto.capabilities },
    });
    return this.view(userId);
  }

  private async view(userId: string): Promise<CapabilitiesView> {
    const grants = await this.grants.ofUser(userId);
    return {
      userId,
      capabilities: grants.find((grant) => grant.scope === PLATFORM_SCOPE)?.capabilities ?? [],
      groups: grants
        .filter((grant) => grant.scope !== PLATFORM_SCOPE)
        .map((grant) => ({ groupId: grant.scope, capabilities: grant.capabilities as Capability[] })),
    };
  }
}
