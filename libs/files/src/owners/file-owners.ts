import { Injectable } from '@nestjs/common';
import type { Principal } from '@plenary/identity';

/**
 * Who may download the files of one owner: the caller (null for a guest) and the owner's id in,
 * true when they may. The owning context answers as it answers for the owner itself: a file of a
 * resource the caller may not see is as hidden as the resource (a 404).
 */
export type FileOwnerRule = (caller: Principal | null, ownerId: string) => Promise<boolean>;

/**
 * The registry of owner kinds: each context that attaches files registers its kind once (in its
 * module's onModuleInit), and downloads of files attached to an owner of that kind follow its rule.
 * A file attached to a kind nobody registered is downloadable by nobody.
 */
@Injectable()
export class FileOwners {
  private readonly rules = new Map<string, FileOwnerRule>();

  register(kind: string, rule: FileOwnerRule): void {
    if (!/^[a-z][a-z0-9_.-]{0,39}$/.test(kind)) throw new Error(`not a file owner kind: ${kind}`);
    if (this.rules.has(kind)) throw new Error(`the file owner kind ${kind} is registered twice`);
    this.rules.set(kind, rule);
  }

  isRegistered(kind: string): boolean {
    return this.rules.has(kind);
  }

  /** Whether the caller may download a file of this owner: its kind's rule, or no when none is registered. */
  async allows(caller: Principal | null, kind: string, ownerId: string): Promise<boolean> {
    const rule = this.rules.get(kind);
    return rule ? rule(caller, ownerId) : false;
  }
}
