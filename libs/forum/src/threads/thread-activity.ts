import { Injectable } from '@nestjs/common';
import type { ForumCaller } from '../access/forum-abilities.js';
import { type CategoryCounts, CategoryActivity } from '../categories/category-activity.js';
import { THREAD } from '../model/forum-kinds.js';
import { ReadMarksRepository } from '../reading/reading.repositories.js';
import { ThreadsRepository } from './threads.repository.js';

/**
 * Categories' thread counts for a caller. A thread is unread while the caller's mark is below its
 * post count, and new when they have no mark: unread = readable threads - threads read to the end.
 */
@Injectable()
export class ThreadActivity extends CategoryActivity {
  constructor(
    private readonly threads: ThreadsRepository,
    private readonly readMarks: ReadMarksRepository,
  ) {
    super();
  }

  async countsFor(caller: ForumCaller, categoryIds: string[]): Promise<Map<string, CategoryCounts>> {
    const visible = caller.filter('read', THREAD);
    const counts = new Map<string, CategoryCounts>();
    if (!visible || categoryIds.length === 0) return counts;
    const totals = await this.threads.countByCategory(categoryIds, visible);
    const readToTheEnd = new Map<string, number>();
    if (caller.id) {
      const marks = await this.readMarks.marksInCategories(caller.id, categoryIds);
      for (const thread of await this.threads.summaries([...marks.keys()])) {
        if (thread.postCount <= (marks.get(thread.id) ?? 0) && caller.can('read', THREAD, thread)) {
          readToTheEnd.set(thread.categoryId, (readToTheEnd.get(thread.categoryId) ?? 0) + 1);
        }
      }
    }
    for (const id of categoryIds) {
      const threads = totals.get(id) ?? 0;
      counts.set(id, { threads, unread: Math.max(0, threads - (readToTheEnd.get(id) ?? 0)) });
    }
    return counts;
  }

  async hasThreads(categoryId: string): Promise<boolean> {
    return (await this.threads.countByCategory([categoryId], {})).has(categoryId);
  }
}
