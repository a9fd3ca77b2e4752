import { Injectable } from '@nestjs/common';
import { spreadsheetSafe } from '@plenary/core';
import { ProfilesService } from '@plenary/community';
import type { Principal } from '@plenary/identity';
import { stringify } from 'csv-stringify/sync';
import type { CommentRecord } from '../comments/comment.schema.js';
import { CommentsRepository, EndorsementsRepository } from '../comments/comments.repository.js';
import { CommentsService } from '../comments/comments.service.js';
import type { ConsultationRecord } from '../consultations/consultation.schema.js';
import { ConsultationsService } from '../consultations/consultations.service.js';
import { isOpen, TOP_COMMENTS } from '../model/consultation-kinds.js';
import type {
  ConsultationExport,
  ConsultationInputCounts,
  ConsultationInputsView,
} from './dto/consultation-view.dto.js';

interface Grouped {
  consultation: ConsultationRecord;
  sections: {
    id: string;
    title: string;
    visible: CommentRecord[];
    hidden: number;
  }[];
  endorsements: Map<string, number>;
}

/**
 * The inputs a consultation received, for those who manage it (and platform moderators): grouped
 * by section with counts, and exported. Counts come from the comment and endorsement documents;
 * hidden comments are counted apart and left out of the export.
 */
@Injectable()
export class InputsService {
  constructor(
    private readonly consultations: ConsultationsService,
    private readonly commentsService: CommentsService,
    private readonly comments: CommentsRepository,
    private readonly endorsements: EndorsementsRepository,
    private readonly profiles: ProfilesService,
  ) {}

  async inputs(principal: Principal, id: string): Promise<ConsultationInputsView> {
    const caller = await this.consultations.caller(principal);
    const { consultation, sections, endorsements } = await this.grouped(
      await this.consultations.openToExport(caller, id),
    );
    const endorsed = (comment: CommentRecord) => endorsements.get(comment.id) ?? 0;
    const countsOf = (visible: CommentRecord[], hidden: number): ConsultationInputCounts => ({
      comments: visible.length,
      endorsements: visible.reduce((sum, comment) => sum + endorsed(comment), 0),
      commenters: new Set(visible.map((comment) => comment.authorId)).size,
      hidden,
    });
    const tops = sections.map((section) =>
      [...section.visible].sort((a, b) => endorsed(b) - endorsed(a) || a.id.localeCompare(b.id)).slice(0, TOP_COMMENTS),
    );
    const views = new Map((await this.commentsService.views(caller, tops.flat())).map((view) => [view.id, view]));
    return {
      id: consultation.id,
      title: consultation.title,
      closesAt: consultation.closesAt,
      status: isOpen(consultation) ? 'open' : 'closed',
      totals: countsOf(
        sections.flatMap((section) => section.visible),
        sections.reduce((sum, section) => sum + section.hidden, 0),
      ),
      sections: sections.map((section, index) => ({
        id: section.id,
        title: section.title,
        ...countsOf(section.visible, section.hidden),
        top: tops[index].map((comment) => views.get(comment.id)).filter((view) => view !== undefined),
      })),
    };
  }

  async export(principal: Principal, id: string): Promise<ConsultationExport> {
    const caller = await this.consultations.caller(principal);
    const { consultation, sections, endorsements } = await this.grouped(
      await this.consultations.openToExport(caller, id),
    );
    const names = await this.profiles.authorNames(
      sections.flatMap((section) => section.visible.map((comment) => comment.authorId)),
    );
    return {
      consultation: {
        id: consultation.id,
        title: consultation.title,
        closesAt: consultation.closesAt,
        status: isOpen(consultation) ? 'open' : 'closed',
        exportedAt: new Date(),
      },
      sections: sections.map((section, index) => {
        const comments = section.visible.map((comment) => ({
          id: comment.id,
          author: names.get(comment.authorId) ?? { id: null, displayName: '' },
          body: comment.body,
          endorsements: endorsements.get(comment.id) ?? 0,
          createdAt: comment.createdAt,
        }));
        return {
          id: section.id,
          number: index + 1,
          title: section.title,
          commentCount: comments.length,
          endorsementCount: comments.reduce((sum, comment) => sum + comment.endorsements, 0),
          comments,
        };
      }),
    };
  }

  private async grouped(consultation: ConsultationRecord): Promise<Grouped> {
    const [visible, hidden, endorsements] = await Promise.all([
      this.comments.ofConsultation(consultation.id, 'visible'),
      this.comments.ofConsultation(consultation.id, 'hidden'),
      this.endorsements.countsInConsultation(consultation.id),
    ]);
    return {
      consultation,
      endorsements,
      sections: consultation.sections.map((section) => {
        const id = section._id.toString();
        return {
          id,
          title: section.title,
          visible: visible.filter((comment) => comment.sectionId === id),
          hidden: hidden.filter((comment) => comment.sectionId === id).length,
        };
      }),
    };
  }
}

const CSV_COLUMNS = [
  'section',
  'section title',
  'comment id',
  'author',
  'author id',
  'written at',
  'endorsements',
  'comment',
];

/** The export as CSV, one row per comment: free text a spreadsheet would run as a formula is kept from running. */
export function exportCsv(exported: ConsultationExport): string {
  return stringify(
    exported.sections.flatMap((section) =>
      section.comments.map((comment) => [
        section.number,
        spreadsheetSafe(section.title),
        comment.id,
        spreadsheetSafe(comment.author.displayName),
        comment.author.id ?? '',
        comment.createdAt.toISOString(),
        comment.endorsements,
        spreadsheetSafe(comment.body),
      ]),
    ),
    { header: true, columns: CSV_COLUMNS },
  );
}
