import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { IdentityModule } from '@plenary/identity';
import { CommunityAccountParticipant } from './community-account.participant.js';
import { GroupAccess } from './groups/group-access.js';
import { Group, GroupSchema } from './groups/group.schema.js';
import { GroupsController } from './groups/groups.controller.js';
import { GroupsRepository } from './groups/groups.repository.js';
import { GroupsService } from './groups/groups.service.js';
import { MembersController } from './members/members.controller.js';
import { MembersService } from './members/members.service.js';
import { Profile, ProfileSchema } from './members/profile.schema.js';
import { ProfilesRepository } from './members/profiles.repository.js';
import { Membership, MembershipSchema } from './memberships/membership.schema.js';
import { MembershipsController } from './memberships/memberships.controller.js';
import { MembershipsRepository } from './memberships/memberships.repository.js';
import { MembershipsService } from './memberships/memberships.service.js';
import { GroupCreationPolicyService } from './settings/group-creation-policy.service.js';
import { PlatformSetting, PlatformSettingSchema } from './settings/platform-setting.schema.js';
import { PlatformSettingsRepository } from './settings/platform-settings.repository.js';
import { SettingsController } from './settings/settings.controller.js';
import { TaxonomyTerm, TaxonomyTermSchema } from './taxonomy/taxonomy-term.schema.js';
import { TaxonomyController } from './taxonomy/taxonomy.controller.js';
import { TaxonomyRepository } from './taxonomy/taxonomy.repository.js';
import { TaxonomyService } from './taxonomy/taxonomy.service.js';

/** The community of practice: the GCM taxonomy, member profiles and directory, groups and their roles. */
@Module({
  imports: [
    IdentityModule,
    MongooseModule.forFeature([
      { name: TaxonomyTerm.name, schema: TaxonomyTermSchema },
      { name: Profile.name, schema: ProfileSchema },
      { name: Group.name, schema: GroupSchema },
      { name: Membership.name, schema: MembershipSchema },
      { name: PlatformSetting.name, schema: PlatformSettingSchema },
    ]),
  ],
  controllers: [TaxonomyController, MembersController, GroupsController, MembershipsController, SettingsController],
  providers: [
    CommunityAccountParticipant,
    GroupAccess,
    GroupCreationPolicyService,
    GroupsRepository,
    GroupsService,
    MembersService,
    MembershipsRepository,
    MembershipsService,
    PlatformSettingsRepository,
    ProfilesRepository,
    TaxonomyRepository,
    TaxonomyService,
  ],
  exports: [MembersService, GroupsService, TaxonomyService],
})
export class CommunityModule {}
