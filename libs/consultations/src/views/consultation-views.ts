import { Injectable } from '@nestjs/common';
import { ProfilesService } from '@plenary/community';
import type { Principal } from '@plenary/identity';
import { type ConsultationCaller, subject } from '../access/consultation-abilities.js';
import { CommentsService } from '../comments/comments.service.js';
import type { ConsultationRecord } from '../consultations/consultation.schema.js';
import { ConsultationsService } from '../consultations/consultations.service.js';
import type {
  ConsultationListQuery,
  CreateConsultationDto,
  UpdateConsultationDto,
} from '../consultations/dto/consultation.dto.js';
import { CONSULTATION, CONSULTATION_COMMENT, isOpen } from '../model/consultation-kinds.js';
import type { ConsultationList, ConsultationSummary, ConsultationView } from './dto/consultation-view.dto.js';

/** Consultations as the API answers them: summaries in lists, the whole draft with its sections' comments by id. */
@Injectable()
export class ConsultationViews {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly comments: CommentsService,
    private readonly profiles: ProfilesService,
  ) {}

  async list(principal: Principal | null, query: ConsultationListQuery): Promise<ConsultationList> {
    const caller = await this.consultations.caller(principal);
    const page = await this.consultations.list(caller, query);
    return { items: await this.summaries(caller, page.items), nextCursor: page.nextCursor };
  }

  async get(principal: Principal | null, id: string): Promise<ConsultationView> {
    const caller = await this.consultations.caller(principal);
    return this.view(caller, await this.consultations.open(caller, id));
  }

  async create(principal: Principal, dto: CreateConsultationDto): Promise<ConsultationView> {
    const consultation = await this.consultations.create(principal, dto);
    return this.view(await this.consultations.caller(principal), consultation);
  }

  async update(principal: Principal, id: string, dto: UpdateConsultationDto): Promise<ConsultationView> {
    const consultation = await this.consultations.update(principal, id, dto);
    return this.view(await this.consultations.caller(principal), consultation);
  }

  private async view(caller: ConsultationCaller, consultation: ConsultationRecord): Promise<ConsultationView> {
    const [[summary], sections] = await Promise.all([
      this.summaries(caller, [consultation]),
      this.comments.sections(caller, consultation),
    ]);
    return {
      ...summary,
      body: consultation.body,
      html: consultation.html,
      sections: consultation.sections.map((section) => {
        const id = section._id.toString();
        const comments = sections.get(id) ?? { commentCount: 0, comments: [], nextCursor: null };
        return { id, title: section.title, text: section.text, html: section.html, ...comments };
      }),
    };
  }

  private async summaries(
    caller: ConsultationCaller,
    consultations: ConsultationRecord[],
  ): Promise<ConsultationSummary[]> {
    const [owners, counts] = await Promise.all([
      this.profiles.authorNames(consultations.map((consultation) => consultation.ownerId)),
      this.comments.countsByConsultation(consultations.map((consultation) => consultation.id)),
    ]);
    return consultations.map((consultation): ConsultationSummary => {
      const open = isOpen(consultation);
      const asSubject = subject(consultation);
      return {
        id: consultation.id,
        title: consultation.title,
        closesAt: consultation.closesAt,
        status: open ? 'open' : 'closed',
        groupId: consultation.groupId,
        owner: owners.get(consultation.ownerId) ?? { id: null, displayName: '' },
        sectionCount: consultation.sections.length,
        commentCount: counts.get(consultation.id) ?? 0,
        viewer: {
          canComment: open && caller.can('comment', CONSULTATION, asSubject),
          canManage: caller.can('manage', CONSULTATION, asSubject),
          canExport: caller.can('export', CONSULTATION, asSubject),
          canModerate: caller.can('moderate', CONSULTATION_COMMENT, {
            status: 'visible',
            groupId: consultation.groupId,
          }),
        },
        createdAt: consultation.createdAt,
        updatedAt: consultation.updatedAt,
      };
    });
  }
}
