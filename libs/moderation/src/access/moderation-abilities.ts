import { Injectable } from '@nestjs/common';
import { GroupScope } from '@plenary/community';
import { ApiError } from '@plenary/core';
import { type Abilities, AccessService, type Principal } from '@plenary/identity';

/** A caller's moderation abilities, with the group roles that scope them loaded. */
@Injectable()
export class ModerationAbilities {
  constructor(
    private readonly access: AccessService,
    private readonly groups: GroupScope,
  ) {}

  /**
   * The caller's abilities and the list filter of what they may read of `type`; 403 for a caller
   * who moderates nothing at all.
   */
  async scopeOf(
    principal: Principal,
    type: string,
  ): Promise<{ abilities: Abilities; visible: Record<string, unknown> }> {
    const abilities = this.access.for(principal, { groupRoles: await this.groups.rolesOf(principal) });
    const visible = abilities.query('read', type);
    if (!visible) throw ApiError.forbidden('Only moderators, and the owners and facilitators of a group, may do this');
    return { abilities, visible };
  }
}
