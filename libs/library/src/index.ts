export * from './model/library.events.js';
export {
  CAPABILITIES,
  type Capability,
  DECISIONS,
  type Decision,
  ITEM_STATUSES,
  type ItemStatus,
  RESOURCE_TYPES,
  REVIEWABLE_KINDS,
  type ReviewableKind,
} from './model/library-kinds.js';
export { ReviewReminders } from './engine/review-reminders.js';
export * from './library.module.js';
