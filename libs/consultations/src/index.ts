export * from './consultations.module.js';
export { ConsultationContent, type ConsultationCommentSummary } from './comments/consultation-content.js';
export {
  COMMENT_STATUSES,
  COMMENT_TARGET,
  type CommentStatus,
  CONSULTATION,
  CONSULTATION_COMMENT,
} from './model/consultation-kinds.js';
