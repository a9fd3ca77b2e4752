import { AbilityBuilder, createMongoAbility, type MongoAbility, subject as tagSubject } from '@casl/ability';
import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import type { Principal } from '../auth/principal.js';

export type Action = 'manage' | 'create' | 'read' | 'list' | 'update' | 'delete';
/** Subjects are named by string, so each context adds its own without a central union. */
export type AppAbility = MongoAbility<[Action, string | Record<PropertyKey, unknown>]>;
export type AbilityRules = AbilityBuilder<AppAbility>;

/**
 * A bounded context's share of the rules. Each context registers one at start-up; together they
 * say what a caller (or a guest, when principal is null) may do to which document.
 */
export interface AccessRules {
  define(principal: Principal | null, rules: AbilityRules): void;
}

/** The one access component: every document-level check and list filter goes through it. */
@Injectable()
export class AccessService {
  private readonly contributions: AccessRules[] = [];

  register(rules: AccessRules): void {
    this.contributions.push(rules);
  }

  abilityFor(principal: Principal | null): AppAbility {
    const rules = new AbilityBuilder<AppAbility>(createMongoAbility);
    if (principal?.role === 'admin' && principal.status === 'active') rules.can('manage', 'all');
    for (const contribution of this.contributions) contribution.define(principal, rules);
    return rules.build();
  }

  /** May the principal do `action` to this document (or to the type when no document), on `field`? */
  can(principal: Principal | null, action: Action, type: string, document?: object, field?: string): boolean {
    const target = document ? tagSubject(type, { ...(document as Record<PropertyKey, unknown>) }) : type;
    return this.abilityFor(principal).can(action, target, field);
  }

  assert(principal: Principal | null, action: Action, type: string, document?: object, field?: string): void {
    if (!this.can(principal, action, type, document, field)) {
      throw ApiError.forbidden(
        field
          ? `You may not ${action} the ${field} of this ${type.toLowerCase()}`
          : `You may not ${action} this ${type.toLowerCase()}`,
      );
    }
  }
}
