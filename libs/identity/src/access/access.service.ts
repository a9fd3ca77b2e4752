import { AbilityBuilder, createMongoAbility, type MongoAbility, subject as tagSubject } from '@casl/ability';
import { rulesToCondition } from '@casl/ability/extra';
import { Injectable } from '@nestjs/common';
import { ApiError } from '@plenary/core';
import type { Principal } from '../auth/principal.js';

/** The CRUD verbs, plus any verb a context names for itself (join, invite, …). */
export type Action = 'manage' | 'create' | 'read' | 'list' | 'update' | 'delete' | (string & {});
/** Subjects are named by string, so each context adds its own without a central union. */
export type AppAbility = MongoAbility<[Action, string | Record<PropertyKey, unknown>]>;
export type AbilityRules = AbilityBuilder<AppAbility>;

/**
 * What the caller is besides their platform role, loaded by the context that asks. Rules read
 * only what their context put there; a scope nobody loaded is empty, and grants nothing.
 */
export interface AccessScope {
  /** Roles in groups, by group id: the active memberships' roles ('invited' for an open invitation). */
  groupRoles?: ReadonlyMap<string, string>;
  /** Roles in live sessions, by session id: host, presenter, moderator (several may be held). */
  sessionRoles?: ReadonlyMap<string, readonly string[]>;
  /** Live events the caller was invited to by email and accepted (ids): they see those whatever their audience. */
  invitedEvents?: readonly string[];
  /** The caller holds a guest token: a guest of this one session, with no account (principal null). */
  guest?: { id: string; sessionId: string };
  /**
   * The library's review capabilities: platform-wide, by group id, and the items (ids) the caller is
   * assigned to review.
   */
  library?: {
    capabilities: readonly string[];
    groupCapabilities: ReadonlyMap<string, readonly string[]>;
    reviewing: readonly string[];
  };
}

/**
 * A bounded context's share of the rules, kept in its `<context>.access.ts` and registered by its
 * module; together they say what a caller (or a guest, when principal is null) may do to which
 * document.
 */
export interface AccessRules {
  define(principal: Principal | null, rules: AbilityRules, scope: AccessScope): void;
}

/** The rules of one caller in one scope, ready to check documents and to filter lists. */
export class Abilities {
  constructor(private readonly ability: AppAbility) {}

  /** May the caller do `action` to this document (or to the type when no document), on `field`? */
  can(action: Action, type: string, document?: object, field?: string): boolean {
    const target = document ? tagSubject(type, { ...(document as Record<PropertyKey, unknown>) }) : type;
    return this.ability.can(action, target, field);
  }

  assert(action: Action, type: string, document?: object, field?: string): void {
    if (!this.can(action, type, document, field)) {
      throw ApiError.forbidden(
        field
          ? `You may not ${action} the ${field} of this ${describe(type)}`
          : `You may not ${action} this ${describe(type)}`,
      );
    }
  }

  /**
   * The same rules as a MongoDB filter, for lists: `{}` when every document of the type is allowed,
   * null when none is. Conditions name record fields, which repositories store under the same
   * names (ids as ObjectIds, which mongoose casts from the strings the rules hold).
   */
  query(action: Action, type: string): Record<string, unknown> | null {
    return rulesToCondition(
      this.ability.rulesFor(action, type),
      (rule): Record<string, unknown> =>
        rule.inverted ? { $nor: [rule.conditions as object] } : (rule.conditions as Record<string, unknown>),
      {
        and: (conditions) => (conditions.length === 1 ? conditions[0] : { $and: conditions }),
        or: (conditions) => (conditions.length === 1 ? conditions[0] : { $or: conditions }),
        empty: () => ({}),
      },
    );
  }
}

/** "GroupMember" reads as "group member" in messages. */
function describe(type: string): string {
  return type.replace(/(?<=[a-z])(?=[A-Z])/g, ' ').toLowerCase();
}

/**
 * The one access component: every route permission, document-level check and list filter goes
 * through it. Contexts register their rules; outranking rules (the platform admin's) are applied
 * after all others, so that no context's `cannot` can take away what they grant.
 */
@Injectable()
export class AccessService {
  private readonly contributions: AccessRules[] = [];
  private readonly outranking: AccessRules[] = [];

  register(rules: AccessRules, options: { outranking?: boolean } = {}): void {
    (options.outranking ? this.outranking : this.contributions).push(rules);
  }

  /** The caller's abilities; pass the scope (their group or session roles) for scoped things. */
  for(principal: Principal | null, scope: AccessScope = {}): Abilities {
    const rules = new AbilityBuilder<AppAbility>(createMongoAbility);
    for (const contribution of [...this.contributions, ...this.outranking])
      contribution.define(principal, rules, scope);
    return new Abilities(rules.build());
  }

  can(principal: Principal | null, action: Action, type: string, document?: object, field?: string): boolean {
    return this.for(principal).can(action, type, document, field);
  }

  assert(principal: Principal | null, action: Action, type: string, document?: object, field?: string): void {
    this.for(principal).assert(action, type, document, field);
  }

  queryFor(principal: Principal | null, action: Action, type: string): Record<string, unknown> | null {
    return this.for(principal).query(action, type);
  }
}
