import { Injectable } from '@nestjs/common';
import { GroupScope, type GroupVisibility } from '@plenary/community';
import { ApiError, sentFields } from '@plenary/core';
import { DuplicateKeyError } from '@plenary/database';
import type { Principal } from '@plenary/identity';
import { type ForumCaller, ForumAbilities } from '../access/forum-abilities.js';
import { type Audience, CATEGORY, PLATFORM_SCOPE } from '../model/forum-kinds.js';
import { CategoriesRepository } from './categories.repository.js';
import { CategoryActivity } from './category-activity.js';
import type { CategoryRecord } from './category.schema.js';
import { CategoryFollowsRepository } from './category-follows.repository.js';
import type {
  CategoryList,
  CategoryListQuery,
  CategoryView,
  CreateCategoryDto,
  UpdateCategoryDto,
} from './dto/category.dto.js';

const slugTaken = () =>
  ApiError.conflict('A category with this name already exists here', [{ field: 'name', problem: 'is already taken' }]);

/** The audience of a group's content: the group's visibility, in the forum's terms. */
export function audienceOf(visibility: GroupVisibility): Audience {
  return visibility === 'private' ? 'group' : visibility;
}

@Injectable()
export class CategoriesService {
  constructor(
    private readonly categories: CategoriesRepository,
    private readonly abilities: ForumAbilities,
    private readonly groups: GroupScope,
    private readonly activity: CategoryActivity,
    private readonly follows: CategoryFollowsRepository,
  ) {}

  /** The categories the caller may read: platform-wide first, then groups', each in its order. */
  async list(principal: Principal | null, query: CategoryListQuery): Promise<CategoryList> {
    const caller = await this.abilities.of(principal);
    const visible = caller.filter('read', CATEGORY);
    if (!visible) return { items: [] };
    if (query.groupId) await this.groups.open(principal, query.groupId);
    const scope = query.platform ? null : query.groupId;
    return { items: await this.views(caller, await this.categories.list(visible, scope)) };
  }

  async get(principal: Principal | null, id: string): Promise<CategoryView> {
    const caller = await this.abilities.of(principal);
    return (await this.views(caller, [await this.open(caller, id)]))[0];
  }

  async create(principal: Principal, dto: CreateCategoryDto): Promise<CategoryView> {
    const caller = await this.abilities.of(principal);
    const audience = dto.groupId
      ? audienceOf((await this.groups.open(principal, dto.groupId)).group.visibility)
      : 'public';
    caller.assert('manage', CATEGORY, { groupId: dto.groupId ?? null });
    let category: CategoryRecord;
    try {
      category = await this.categories.create({
        name: dto.name,
        slug: slugOf(dto.name),
        scopeKey: dto.groupId ?? PLATFORM_SCOPE,
        groupId: dto.groupId ?? null,
        audience,
        description: dto.description ?? '',
        postingPolicy: dto.postingPolicy ?? 'members',
        order: dto.order ?? 0,
        language: dto.language ?? 'en',
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw slugTaken();
      throw error;
    }
    return (await this.views(caller, [category]))[0];
  }

  async update(principal: Principal, id: string, dto: UpdateCategoryDto): Promise<CategoryView> {
    const caller = await this.abilities.of(principal);
    const category = await this.open(caller, id);
    caller.assert('manage', CATEGORY, category);
    const changes = sentFields(dto);
    if (Object.keys(changes).length === 0) throw ApiError.badRequest('Nothing to change: send at least one field');
    let updated: CategoryRecord | null;
    try {
      updated = await this.categories.update(id, {
        ...changes,
        ...(changes.name ? { slug: slugOf(changes.name) } : {}),
      });
    } catch (error) {
      if (error instanceof DuplicateKeyError) throw slugTaken();
      throw error;
    }
    if (!updated) throw ApiError.notFound('Category');
    return (await this.views(caller, [updated]))[0];
  }

  /** Only an empty category: its threads are moved or deleted first. */
  async delete(principal: Principal, id: string): Promise<void> {
    const caller = await this.abilities.of(principal);
    const category = await this.open(caller, id);
    caller.assert('manage', CATEGORY, category);
    if (await this.activity.hasThreads(id)) {
      throw ApiError.conflict('This category still has threads: move or delete them first');
    }
    await this.categories.delete(id);
    await this.follows.deleteForCategories([id]);
  }

  /** Idempotent both ways; only a category the member may read (404 otherwise). */
  async follow(principal: Principal, id: string, following: boolean): Promise<void> {
    const category = await this.open(await this.abilities.of(principal), id);
    if (following) await this.follows.follow(category.id, principal.id);
    else await this.follows.unfollow(category.id, principal.id);
  }

  /** The category, if the caller may read it; 404 otherwise. */
  async open(caller: ForumCaller, id: string): Promise<CategoryRecord> {
    const category = await this.categories.findById(id);
    if (!category) throw ApiError.notFound('Category');
    caller.assertReadable(CATEGORY, category, 'Category');
    return category;
  }

  async views(caller: ForumCaller, categories: CategoryRecord[]): Promise<CategoryView[]> {
    const ids = categories.map((category) => category.id);
    const [counts, followed] = await Promise.all([
      this.activity.countsFor(caller, ids),
      caller.id ? this.follows.followed(caller.id, ids) : new Set<string>(),
    ]);
    return categories.map((category) => ({
      id: category.id,
      name: category.name,
      slug: category.slug,
      description: category.description,
      groupId: category.groupId,
      postingPolicy: category.postingPolicy,
      order: category.order,
      language: category.language,
      threadCount: counts.get(category.id)?.threads ?? 0,
      unreadThreadCount: counts.get(category.id)?.unread ?? 0,
      followed: followed.has(category.id),
      viewer: {
        canStartThread: caller.can('startThread', CATEGORY, category),
        canManage: caller.can('manage', CATEGORY, category),
        canModerate: caller.can('moderate', CATEGORY, category),
      },
      createdAt: category.createdAt,
      updatedAt: category.updatedAt,
    }));
  }
}

/** "Travail décent & migration" → "travail-decent-migration". */
function slugOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return slug || 'category';
}
