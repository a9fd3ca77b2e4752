import { Injectable } from '@nestjs/common';
import { UsersService } from '@plenary/identity';
import { ForumAbilities } from '../access/forum-abilities.js';
import { CategoriesRepository } from '../categories/categories.repository.js';
import { CategoryFollowsRepository } from '../categories/category-follows.repository.js';
import { CATEGORY, THREAD } from '../model/forum-kinds.js';
import { ThreadsRepository } from './threads.repository.js';

/** A new thread as a member's digest lists it. */
export interface DigestThread {
  threadId: string;
  title: string;
  categoryName: string;
  /** Its page in the web client. */
  path: string;
}

/** What the notification digests ask of the forum. */
@Injectable()
export class ForumDigestSource {
  constructor(
    private readonly users: UsersService,
    private readonly abilities: ForumAbilities,
    private readonly follows: CategoryFollowsRepository,
    private readonly categories: CategoriesRepository,
    private readonly threads: ThreadsRepository,
  ) {}

  /**
   * The latest threads others started in (since, until] in the categories the member follows, as far
   * as the member may read them now: a follow outlives the access it was made with (a member who
   * leaves a private group keeps their follow of its category, and hears of nothing in it).
   */
  async newThreadsInFollowedCategories(
    userId: string,
    window: { since: Date; until: Date },
    limit: number,
  ): Promise<DigestThread[]> {
    const followed = await this.follows.categoriesOf(userId);
    if (followed.length === 0) return [];
    const principal = await this.users.principalOf(userId);
    if (!principal || principal.status !== 'active') return [];
    const caller = await this.abilities.of(principal);
    const visible = caller.filter('read', THREAD);
    if (!visible) return [];
    const readable = (await this.categories.findByIds(followed)).filter((category) =>
      caller.can('read', CATEGORY, category),
    );
    const names = new Map(readable.map((category) => [category.id, category.name]));
    const threads = await this.threads.startedIn(
      [...names.keys()],
      visible,
      { ...window, exceptAuthorId: userId },
      limit,
    );
    return threads.map((thread) => ({
      threadId: thread.id,
      title: thread.title,
      categoryName: names.get(thread.categoryId) ?? '',
      path: `/forum/t/${thread.id}`,
    }));
  }
}
