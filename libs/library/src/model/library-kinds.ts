/** Access subjects of the library: one per kind of reviewable item, with the same rules. */
export const RESOURCE = 'LibraryResource';
export const INITIATIVE = 'LibraryInitiative';
/** Review capabilities, and the rubric settings. */
export const REVIEW_CAPABILITY = 'ReviewCapability';
export const REVIEW_SETTINGS = 'ReviewSettings';

/** What the one review engine reviews: a resource or an initiative (a `reviewable` kind + id). */
export const REVIEWABLE_KINDS = ['resource', 'initiative'] as const;
export type ReviewableKind = (typeof REVIEWABLE_KINDS)[number];

export const SUBJECT_OF: Record<ReviewableKind, string> = { resource: RESOURCE, initiative: INITIATIVE };
export const LABEL_OF: Record<ReviewableKind, string> = { resource: 'Resource', initiative: 'Initiative' };

export const RESOURCE_TYPES = [
  'publication',
  'report',
  'toolkit',
  'dataset',
  'policy',
  'training',
  'good_practice',
  'other',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/** An initiative's own progress (its workflow `status` is the review engine's). */
export const INITIATIVE_STAGES = ['planned', 'ongoing', 'completed'] as const;
export type InitiativeStage = (typeof INITIATIVE_STAGES)[number];

/**
 * The review workflow: `draft → submitted → in_review → changes_requested → … → published`, or
 * `rejected`; `withdrawn` by the author, `unpublished` by an editor. A publish decision approves and
 * publishes at once (`approved` is the decision, `published` the state it leaves the item in).
 */
export const ITEM_STATUSES = [
  'draft',
  'submitted',
  'in_review',
  'changes_requested',
  'approved',
  'published',
  'rejected',
  'withdrawn',
  'unpublished',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** Where the author may still edit the item (the edit becomes a new version once a version was reviewed). */
export const EDITABLE_STATUSES: readonly ItemStatus[] = ['draft', 'changes_requested'];
/** Where the author may withdraw it. */
export const WITHDRAWABLE_STATUSES: readonly ItemStatus[] = ['draft', 'submitted', 'in_review', 'changes_requested'];
/** An editor's queue: what waits for the board. */
export const QUEUE_STATUSES: readonly ItemStatus[] = ['submitted', 'in_review', 'changes_requested'];

export const DECISIONS = ['publish', 'request_changes', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];
export const STATUS_AFTER: Record<Decision, ItemStatus> = {
  publish: 'published',
  request_changes: 'changes_requested',
  reject: 'rejected',
};

/** Capabilities members hold beside their platform role, on the platform or in one group's library. */
export const CAPABILITIES = ['editor', 'reviewer'] as const;
export type Capability = (typeof CAPABILITIES)[number];
/** The scope of a platform-wide grant (a group's grants are scoped by the group's id). */
export const PLATFORM_SCOPE = 'platform';

/**
 * Who may see an item once published: everyone (`public`), signed-in members (`members`), or the
 * members of its group (`group`, a private group's); a group's item follows the group's visibility.
 */
export const LIBRARY_AUDIENCES = ['public', 'members', 'group'] as const;
export type LibraryAudience = (typeof LIBRARY_AUDIENCES)[number];

export interface RubricCriterion {
  key: string;
  label: string;
  description: string;
}

/** The default rubric: 1–5 on each. */
export const DEFAULT_RUBRIC: readonly RubricCriterion[] = [
  {
    key: 'relevance',
    label: 'Relevance to the GCM',
    description: 'How it serves the objectives of the Global Compact',
  },
  { key: 'accuracy', label: 'Accuracy', description: 'Facts, data and sources are correct and cited' },
  { key: 'currency', label: 'Currency', description: 'It is up to date' },
  {
    key: 'principles',
    label: 'Alignment with the guiding principles',
    description: 'It respects the GCM guiding principles (human rights, gender-responsive, child-sensitive, …)',
  },
  { key: 'clarity', label: 'Clarity', description: 'It is clear and well organised for practitioners' },
];
export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
/** Reviews on the current version before an editor may decide. */
export const DEFAULT_QUORUM = 2;
/** Days a reviewer has, unless the editor sets a due date; reminded this many hours before it. */
export const DEFAULT_REVIEW_DAYS = 14;
export const REMIND_HOURS_BEFORE = 48;

/** Lengths of text fields. */
export const TITLE_MAX = 300;
export const SUMMARY_MAX = 10_000;
export const REASON_MAX = 2_000;
export const COMMENT_MAX = 10_000;
export const FACET_NAMES = ['type', 'objective', 'region', 'language', 'year'] as const;
export type FacetName = (typeof FACET_NAMES)[number];
