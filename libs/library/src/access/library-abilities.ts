import { Injectable } from '@nestjs/common';
import { GroupScope } from '@plenary/community';
import { ApiError } from '@plenary/core';
import { type Abilities, AccessService, type Action, type Principal } from '@plenary/identity';
import { CapabilitiesRepository } from '../capabilities/capabilities.repository.js';
import { PLATFORM_SCOPE } from '../model/library-kinds.js';
import type { LibraryItemRecord } from '../records/item.schema.js';
import { AssignmentsRepository } from '../records/reviews.repository.js';

/** Who acts in the library, and what they may do. */
export class LibraryCaller {
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

  filter(action: Action, type: string): Record<string, unknown> | null {
    return this.abilities.query(action, type);
  }
}

@Injectable()
export class LibraryAbilities {
  constructor(
    private readonly access: AccessService,
    private readonly groups: GroupScope,
    private readonly grants: CapabilitiesRepository,
    private readonly assignments: AssignmentsRepository,
  ) {}

  async of(principal: Principal | null): Promise<LibraryCaller> {
    if (!principal) return new LibraryCaller(null, this.access.for(null));
    const [groupRoles, grants, reviewing] = await Promise.all([
      this.groups.rolesOf(principal),
      this.grants.ofUser(principal.id),
      this.assignments.itemIdsOf(principal.id),
    ]);
    const groupCapabilities = new Map<string, string[]>();
    let capabilities: string[] = [];
    for (const grant of grants) {
      if (grant.scope === PLATFORM_SCOPE) capabilities = grant.capabilities;
      else groupCapabilities.set(grant.scope, grant.capabilities);
    }
    return new LibraryCaller(
      principal,
      this.access.for(principal, { groupRoles, library: { capabilities, groupCapabilities, reviewing } }),
    );
  }
}

/** An item as the access rules see it: conditions name `_id`, as the database does. */
export function subject(item: LibraryItemRecord): LibraryItemRecord & { _id: string } {
  return { ...item, _id: item.id };
}

export function notFound(label: string): ApiError {
  return ApiError.notFound(label);
}
