import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import { GroupScope } from '@plenary/community';
import { type Abilities, AccessService, type Action, type Principal } from '@plenary/identity';

/** What one caller may do in the forum: their abilities with their group roles loaded. */
export class ForumCaller {
  constructor(
    readonly principal: Principal | null,
    readonly abilities: Abilities,
  ) {}

  get id(): string | null {
    return this.principal?.id ?? null;
  }

  can(action: Action, type: string, document: object, field?: string): boolean {
    return this.abilities.can(action, type, document, field);
  }

  assert(action: Action, type: string, document: object, field?: string): void {
    this.abilities.assert(action, type, document, field);
  }

  /** 404 when the caller may not read it: they may not know it exists. */
  assertReadable(type: string, document: object, what: string): void {
    if (!this.abilities.can('read', type, document)) throw ApiError.notFound(what);
  }

  /** The rules as a list filter; null when nothing is allowed. */
  filter(action: Action, type: string): Record<string, unknown> | null {
    return this.abilities.query(action, type);
  }
}

@Injectable()
export class ForumAbilities {
  constructor(
    private readonly access: AccessService,
    private readonly groups: GroupScope,
  ) {}

  async of(principal: Principal | null): Promise<ForumCaller> {
    const groupRoles = await this.groups.rolesOf(principal);
    return new ForumCaller(principal, this.access.for(principal, { groupRoles }));
  }
}
