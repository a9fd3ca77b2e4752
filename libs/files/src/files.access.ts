import type { AbilityRules, AccessRules, Principal } from '@plenary/identity';
import { FILE } from './model/file-kinds.js';

/**
 * The rules of uploads not attached to anything (attached files follow their owner: see
 * FileOwners). Subjects: a File (`_id`, `uploadedBy`, `ownerKind`).
 *
 * - Reading (downloading, its metadata): its uploader only, while it is not attached (platform
 *   admins may do anything, as everywhere).
 * - Attaching it to something: its uploader only, while it is not attached.
 */
export const filesAccess: AccessRules = {
  define(principal: Principal | null, rules: AbilityRules): void {
    if (!principal || principal.status !== 'active') return;
    rules.can(['read', 'attach'], FILE, { uploadedBy: principal.id, ownerKind: null });
  },
};
