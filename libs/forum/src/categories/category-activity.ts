import type { ForumCaller } from '../access/forum-abilities.js';

export interface CategoryCounts {
  /** Threads the caller may read. */
  threads: number;
  /** Of those, the ones with posts the caller has not read (all of them for a guest). */
  unread: number;
}

/** How busy categories are for one caller; the threads aggregate provides it. */
export abstract class CategoryActivity {
  abstract countsFor(caller: ForumCaller, categoryIds: string[]): Promise<Map<string, CategoryCounts>>;
  /** Whether the category holds any thread at all, whoever may read it. */
  abstract hasThreads(categoryId: string): Promise<boolean>;
}
