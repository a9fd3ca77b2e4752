import { Injectable } from '@nestjs/common';
import { type AuthorName, ProfilesService } from '@plenary/community';
import { ApiError, DomainEvents, mapPage, ModeratorActed, pageRequest, sentFields } from '@plenary/core';
import { AccessService, type Principal, UsersService } from '@plenary/identity';
import { ClusterList } from '../clusters/cluster-list.js';
import { PledgeFollowsRepository } from '../follows/follows.repository.js';
import { PLEDGE } from '../model/pledge-kinds.js';
import type { CreatePledgeDto, PledgeList, PledgeListQuery, PledgeView, UpdatePledgeDto } from './dto/pledge.dto.js';
import type { PledgeChanges, PledgeRecord } from './pledge.schema.js';
import { PledgesRepository } from './pledges.repository.js';

/** A record as the access rules see it: conditions name `_id`, as the database does. */
export function subject(pledge: PledgeRecord): PledgeRecord & { _id: string } {
  return { ...pledge, _id: pledge.id };
}

/** The UTC year of a date. */
export function yearOf(date: Date): number {
  return date.getUTCFullYear();
}

@Injectable()
export class PledgesService {
  constructor(
    private readonly pledges: PledgesRepository,
    private readonly follows: PledgeFollowsRepository,
    private readonly clusters: ClusterList,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly profiles: ProfilesService,
    private readonly events: DomainEvents,
  ) {}

  async list(principal: Principal | null, query: PledgeListQuery): Promise<PledgeList> {
    const page = await this.pledges.list(
      {
        status: query.status,
        cluster: query.cluster,
        objective: query.objective,
        region: query.region,
        country: query.country,
        year: query.year,
        q: query.q,
      },
      pageRequest(query),
    );
    const views = await this.views(principal, page.items);
    return mapPage({ items: views, nextCursor: page.nextCursor }, (view) => view);
  }

  async get(principal: Principal | null, id: string): Promise<PledgeView> {
    return (await this.views(principal, [await this.open(principal, id)]))[0];
  }

  async create(principal: Principal, dto: CreatePledgeDto): Promise<PledgeView> {
    this.access.assert(principal, 'create', PLEDGE);
    await this.clusters.assertKnown(dto.cluster);
    await this.assertMembers(dto.representativeIds ?? []);
    const representativeIds = [principal.id, ...(dto.representativeIds ?? []).filter((id) => id !== principal.id)];
    const madeAt = dto.madeAt ? new Date(dto.madeAt) : new Date();
    const country = dto.pledger.country ?? null;
    const pledge = await this.pledges.create({
      title: dto.title,
      description: dto.description,
      pledger: { kind: dto.pledger.kind, name: dto.pledger.name, country },
      representativeIds,
      objectives: dto.objectives,
      principles: dto.principles ?? [],
      cluster: dto.cluster,
      countries: dto.countries ?? (dto.pledger.kind === 'member_state' && country ? [country] : []),
      regions: dto.regions ?? [],
      madeAt,
      year: yearOf(madeAt),
      status: dto.status ?? 'planned',
      createdBy: principal.id,
    });
    return (await this.views(principal, [pledge]))[0];
  }

  async update(principal: Principal, id: string, dto: UpdatePledgeDto): Promise<PledgeView> {
    const pledge = await this.open(principal, id);
    const abilities = this.access.for(principal);
    abilities.assert('update', PLEDGE, subject(pledge));
    const { reason, madeAt, pledger, ...rest } = sentFields(dto);
    const changes: PledgeChanges = { ...rest };
    if (pledger) changes.pledger = { kind: pledger.kind, name: pledger.name, country: pledger.country ?? null };
    if (madeAt !== undefined) {
      changes.madeAt = new Date(madeAt);
      changes.year = yearOf(changes.madeAt);
    }
    if (Object.keys(changes).length === 0) {
      throw ApiError.badRequest('Nothing to change: send one of the pledge fields');
    }
    if (changes.cluster !== undefined && changes.cluster !== pledge.cluster) {
      await this.clusters.assertKnown(changes.cluster);
    }
    if (changes.representativeIds) await this.assertMembers(changes.representativeIds);
    const updated = await this.pledges.update(id, changes);
    if (!updated) throw ApiError.notFound('Pledge');
    if (!speaksFor(principal, pledge)) await this.audit(principal, pledge, changes, reason ?? null);
    return (await this.views(principal, [updated]))[0];
  }

  /** Follows (on) or stops following the pledge; either twice is the same as once. */
  async follow(principal: Principal, id: string, on: boolean): Promise<PledgeView> {
    const pledge = await this.open(principal, id);
    this.access.assert(principal, 'follow', PLEDGE, subject(pledge));
    if (on) await this.follows.add(id, principal.id);
    else await this.follows.remove(id, principal.id);
    return (await this.views(principal, [pledge]))[0];
  }

  /** The pledge, if the caller may see it; 404 otherwise. */
  async open(principal: Principal | null, id: string): Promise<PledgeRecord> {
    const pledge = await this.pledges.findById(id);
    if (!pledge || !this.access.can(principal, 'read', PLEDGE, subject(pledge))) throw ApiError.notFound('Pledge');
    return pledge;
  }

  /** Whether the caller may read the pledge (the rule of its evidence files' downloads). */
  async isReadable(principal: Principal | null, id: string): Promise<boolean> {
    const pledge = await this.pledges.findById(id);
    return pledge !== null && this.access.can(principal, 'read', PLEDGE, subject(pledge));
  }

  async views(principal: Principal | null, pledges: PledgeRecord[]): Promise<PledgeView[]> {
    const ids = pledges.map((pledge) => pledge.id);
    const people = pledges.flatMap((pledge) => [pledge.createdBy, ...pledge.representativeIds]);
    const [names, followers, followed] = await Promise.all([
      people.length > 0 ? this.profiles.authorNames(people) : new Map<string, AuthorName>(),
      this.follows.counts(ids),
      principal ? this.follows.followedAmong(ids, principal.id) : new Set<string>(),
    ]);
    const abilities = this.access.for(principal);
    const person = (id: string) => names.get(id) ?? { id, displayName: '' };
    return pledges.map((pledge) => ({
      id: pledge.id,
      title: pledge.title,
      description: pledge.description,
      pledger: { kind: pledge.pledger.kind, name: pledge.pledger.name, country: pledge.pledger.country ?? null },
      representatives: pledge.representativeIds.map(person),
      objectives: pledge.objectives,
      principles: pledge.principles,
      cluster: pledge.cluster,
      countries: pledge.countries,
      regions: pledge.regions,
      madeAt: pledge.madeAt,
      year: pledge.year,
      status: pledge.status,
      percent: pledge.percent,
      lastUpdateAt: pledge.lastUpdateAt,
      followerCount: followers.get(pledge.id) ?? 0,
      createdBy: person(pledge.createdBy),
      viewer: {
        canEdit: abilities.can('update', PLEDGE, subject(pledge)),
        canReport: abilities.can('report', PLEDGE, subject(pledge)),
        following: followed.has(pledge.id),
      },
      createdAt: pledge.createdAt,
      updatedAt: pledge.updatedAt,
    }));
  }

  /** Representatives are active accounts: a 400 naming the field otherwise. */
  private async assertMembers(userIds: string[]): Promise<void> {
    for (const [index, id] of userIds.entries()) {
      if (!(await this.users.isActive(id))) {
        throw ApiError.invalidField(`representativeIds.${index}`, 'is not an active member');
      }
    }
  }

  /** A moderator's (or an admin's) edit of a pledge they do not speak for goes to the audit log. */
  private async audit(
    principal: Principal,
    pledge: PledgeRecord,
    changes: PledgeChanges,
    reason: string | null,
  ): Promise<void> {
    const fields = Object.keys(changes) as (keyof PledgeChanges)[];
    const before = Object.fromEntries(fields.map((field) => [field, pledge[field as keyof PledgeRecord]]));
    await this.events.publish(ModeratorActed, {
      actorId: principal.id,
      action: 'pledge.edit',
      target: { type: 'pledge', id: pledge.id, groupId: null },
      reason,
      before,
      after: { ...changes },
    });
  }
}

/** The creator and the representatives speak for a pledge; anyone else editing it acts as a moderator. */
function speaksFor(principal: Principal, pledge: PledgeRecord): boolean {
  return pledge.createdBy === principal.id || pledge.representativeIds.includes(principal.id);
}
