export const GROUP_TYPES = ['working_group', 'country_network', 'regional_network', 'thematic'] as const;
export type GroupType = (typeof GROUP_TYPES)[number];

export const GROUP_VISIBILITIES = ['public', 'members', 'private'] as const;
export type GroupVisibility = (typeof GROUP_VISIBILITIES)[number];

export const JOIN_POLICIES = ['open', 'request', 'invite'] as const;
export type JoinPolicy = (typeof JOIN_POLICIES)[number];

export const GROUP_ROLES = ['owner', 'facilitator', 'member'] as const;
export type GroupRole = (typeof GROUP_ROLES)[number];
