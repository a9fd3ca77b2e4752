export const GROUP_TYPES = ['working_group', 'country_network', 'regional_network', 'thematic'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

export const GROUP_VISIBILITIES = ['public', 'members', 'private'] as const;
export type GroupVisibility = (typeof GROUP_VISIBILITIES)[number];

export const JOIN_POLICIES = ['open', 'request', 'invite'] as const;
export type JoinPolicy = (typeof JOIN_POLICIES)[number];

export const GROUP_ROLES = ['owner', 'facilitator', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];

/** active: a member; pending: asked to join, awaiting approval; invited: awaiting their acceptance. */
export const MEMBERSHIP_STATUSES = ['active', 'pending', 'invited'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

/**
 * Access subjects: a group, one member's place in it (`groupId` and their `role`), and the
 * platform's group-creation policy (no rule grants changing it: admins only).
 */
export const GROUP = 'Group';
export const GROUP_MEMBER = 'GroupMember';
export const GROUP_CREATION_POLICY = 'GroupCreationPolicy';

/** The role that an open invitation puts in a caller's group roles: enough to see the group. */
export const INVITED = 'invited';
