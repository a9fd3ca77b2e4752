export * from './community.module.js';
export * from './groups/group-kinds.js';
export { GroupScope, type ScopedGroup } from './groups/group-scope.js';
export { type AuthorName, DELETED_MEMBER, ProfilesService } from './profiles/profiles.service.js';
export * from './taxonomy/language.js';
export * from './taxonomy/reference-data.js';
export * from './taxonomy/response-language.decorator.js';
export * from './taxonomy/taxonomy-fields.js';
export * from './taxonomy/taxonomy.service.js';
