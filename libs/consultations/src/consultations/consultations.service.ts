import { Injectable } from '@nestjs/common';
import { GroupScope, type GroupVisibility } from '@plenary/community';
import { ApiError, type Page, pageRequest, renderMarkdown, sentFields } from '@plenary/core';
import type { Principal } from '@plenary/identity';
import { ConsultationAbilities, type ConsultationCaller, subject } from '../access/consultation-abilities.js';
import { CONSULTATION, type ConsultationAudience, isOpen } from '../model/consultation-kinds.js';
import type { ConsultationChanges, ConsultationRecord, ConsultationSection } from './consultation.schema.js';
import { ConsultationsRepository } from './consultations.repository.js';
import type { ConsultationListQuery, CreateConsultationDto, UpdateConsultationDto } from './dto/consultation.dto.js';

/** A group's consultations follow its visibility. */
export function consultationAudienceOf(visibility: GroupVisibility): ConsultationAudience {
  return visibility === 'private' ? 'group' : visibility;
}

/** The section of the consultation with this id, or a 404. */
export function sectionOf(consultation: ConsultationRecord, sectionId: string): ConsultationSection {
  const section = consultation.sections.find((candidate) => candidate._id.toString() === sectionId);
  if (!section) throw ApiError.notFound('Section');
  return section;
}

/** 409 once the deadline has passed: the consultation is read-only. */
export function assertOpen(consultation: ConsultationRecord): void {
  if (!isOpen(consultation)) {
    throw ApiError.conflict(
      `This consultation closed at ${consultation.closesAt.toISOString()}: it is read-only and takes no more inputs`,
    );
  }
}

/**
 * Consultations themselves: who may create one where, open one, manage it. Comments, endorsements
 * and the owner's view build on `open` and `openToManage`.
 */
@Injectable()
export class ConsultationsService {
  constructor(
    private readonly consultations: ConsultationsRepository,
    private readonly abilities: ConsultationAbilities,
    private readonly groups: GroupScope,
  ) {}

  caller(principal: Principal | null): Promise<ConsultationCaller> {
    return this.abilities.of(principal);
  }

  /** The consultations the caller may read, filtered. */
  async list(caller: ConsultationCaller, query: ConsultationListQuery): Promise<Page<ConsultationRecord>> {
    const visible = caller.filter('read', CONSULTATION);
    if (!visible) return { items: [], nextCursor: null };
    if (query.group) await this.groups.open(caller.principal, query.group);
    return this.consultations.list(visible, { groupId: query.group, state: query.status }, pageRequest(query));
  }

  async create(principal: Principal, dto: CreateConsultationDto): Promise<ConsultationRecord> {
    const caller = await this.abilities.of(principal);
    const groupId = dto.groupId ?? null;
    const audience = dto.groupId
      ? consultationAudienceOf((await this.groups.open(principal, dto.groupId)).group.visibility)
      : 'public';
    if (!caller.can('create', CONSULTATION, { groupId, ownerId: null })) {
      throw ApiError.forbidden(
        groupId ? "Only the group's owners and facilitators open its consultations" : 'You may not open consultations',
      );
    }
    const closesAt = new Date(dto.closesAt);
    if (closesAt.getTime() <= Date.now()) throw ApiError.invalidField('closesAt', 'must be in the future');
    const body = dto.body ?? '';
    return this.consultations.create({
      title: dto.title,
      body,
      html: body ? renderMarkdown(body) : '',
      closesAt,
      groupId,
      audience,
      ownerId: principal.id,
      sections: dto.sections.map((section) => ({
        title: section.title,
        text: section.text,
        html: renderMarkdown(section.text),
      })),
    });
  }

  /** Title, introduction, deadline: a later deadline extends (or reopens) it, a past one closes it now. */
  async update(principal: Principal, id: string, dto: UpdateConsultationDto): Promise<ConsultationRecord> {
    const caller = await this.abilities.of(principal);
    await this.openToManage(caller, id);
    const { closesAt, body, ...rest } = sentFields(dto);
    const changes: ConsultationChanges = { ...rest };
    if (body !== undefined) {
      changes.body = body;
      changes.html = body ? renderMarkdown(body) : '';
    }
    if (closesAt !== undefined) changes.closesAt = new Date(closesAt);
    const updated = await this.consultations.update(id, changes);
    if (!updated) throw ApiError.notFound('Consultation');
    return updated;
  }

  /** The consultation, if the caller may read it; 404 otherwise. */
  async open(caller: ConsultationCaller, id: string): Promise<ConsultationRecord> {
    const consultation = await this.consultations.findById(id);
    if (!consultation) throw ApiError.notFound('Consultation');
    caller.assertReadable(CONSULTATION, subject(consultation), 'Consultation');
    return consultation;
  }

  /** The consultation, if the caller manages it: 404 when they may not read it, 403 when they may not manage it. */
  async openToManage(caller: ConsultationCaller, id: string): Promise<ConsultationRecord> {
    const consultation = await this.open(caller, id);
    caller.assert('manage', CONSULTATION, subject(consultation));
    return consultation;
  }

  /** The consultation, if the caller may export its inputs (its managers, platform moderators, admins). */
  async openToExport(caller: ConsultationCaller, id: string): Promise<ConsultationRecord> {
    const consultation = await this.open(caller, id);
    caller.assert('export', CONSULTATION, subject(consultation));
    return consultation;
  }

  findById(id: string): Promise<ConsultationRecord | null> {
    return this.consultations.findById(id);
  }
}
