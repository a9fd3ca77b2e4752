import { Injectable } from '@nestjs/common';
import { GroupScope } from '@plenary/community';
import { ApiError } from '@plenary/core';
import { type Abilities, AccessService, type Action, type Principal } from '@plenary/identity';

/** What one caller may do in consultations: their abilities with their group roles loaded. */
export class ConsultationCaller {
  constructor(
    readonly principal: Principal | null,
    readonly abilities: Abilities,
  ) {}

  get id(): string | null {
    return this.principal?.id ?? null;
  }

  can(action: Action, type: string, document: object): boolean {
    return this.abilities.can(action, type, document);
  }

  assert(action: Action, type: string, document: object): void {
    this.abilities.assert(action, type, document);
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
export class ConsultationAbilities {
  constructor(
    private readonly access: AccessService,
    private readonly groups: GroupScope,
  ) {}

  async of(principal: Principal | null): Promise<ConsultationCaller> {
    const groupRoles = await this.groups.rolesOf(principal);
    return new ConsultationCaller(principal, this.access.for(principal, { groupRoles }));
  }
}

/** A record as the access rules see it: conditions name `_id`, as the database does. */
export function subject<T extends { id: string }>(record: T): T & { _id: string } {
  return { ...record, _id: record.id };
}
