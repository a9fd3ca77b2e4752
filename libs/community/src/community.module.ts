import { Module, type OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AccessService, IdentityModule } from '@plenary/identity';
import { MailModule } from '@plenary/mail';
import { communityAccess } from './community.access.js';
import { CommunityAccounts } from './community-accounts.js';
import { GroupCreationPolicyController } from './groups/group-creation-policy.controller.js';
import { GroupCreationPolicyService } from './groups/group-creation-policy.service.js';
import { GroupEmailInvitation, GroupEmailInvitationSchema } from './groups/group-email-invitation.schema.js';
import { GroupEmailInvitationsController } from './groups/group-email-invitations.controller.js';
import { GroupEmailInvitationsRepository } from './groups/group-email-invitations.repository.js';
import { GroupEmailInvitationsService } from './groups/group-email-invitations.service.js';
import { GroupInvitationLinksController } from './groups/group-invitation-links.controller.js';
import { GroupAccess, GroupScope } from './groups/group-scope.js';
import { Group, GroupSchema } from './groups/group.schema.js';
import { GroupsController } from './groups/groups.controller.js';
import { GroupsRepository } from './groups/groups.repository.js';
import { GroupsService } from './groups/groups.service.js';
import { Membership, MembershipSchema } from './groups/membership.schema.js';
import { MembershipsController } from './groups/memberships.controller.js';
import { MembershipsRepository } from './groups/memberships.repository.js';
import { MembershipsService } from './groups/memberships.service.js';
import { Profile, ProfileSchema } from './profiles/profile.schema.js';
import { ProfilesController } from './profiles/profiles.controller.js';
import { ProfilesRepository } from './profiles/profiles.repository.js';
import { ProfilesService } from './profiles/profiles.service.js';
import { PlatformSetting, PlatformSettingSchema } from './settings/platform-setting.schema.js';
import { PlatformSettingsRepository } from './settings/platform-settings.repository.js';
import { TaxonomyTerm, TaxonomyTermSchema } from './taxonomy/taxonomy-term.schema.js';
import { TaxonomyController } from './taxonomy/taxonomy.controller.js';
import { TaxonomyRepository } from './taxonomy/taxonomy.repository.js';
import { TaxonomyService } from './taxonomy/taxonomy.service.js';

/**
 * The community of practice: the GCM taxonomy, member profiles and directory, groups with their
 * memberships and roles. Other contexts use the taxonomy, profiles' author names, and GroupScope.
 */
@Module({
  imports: [
    IdentityModule,
    MailModule,
    MongooseModule.forFeature([
      { name: TaxonomyTerm.name, schema: TaxonomyTermSchema },
      { name: Profile.name, schema: ProfileSchema },
      { name: Group.name, schema: GroupSchema },
      { name: Membership.name, schema: MembershipSchema },
      { name: GroupEmailInvitation.name, schema: GroupEmailInvitationSchema },
      { name: PlatformSetting.name, schema: PlatformSettingSchema },
    ]),
  ],
  controllers: [
    TaxonomyController,
    ProfilesController,
    GroupsController,
    MembershipsController,
    GroupEmailInvitationsController,
    GroupInvitationLinksController,
    GroupCreationPolicyController,
  ],
  providers: [
    CommunityAccounts,
    GroupAccess,
    { provide: GroupScope, useExisting: GroupAccess },
    GroupCreationPolicyService,
    GroupEmailInvitationsRepository,
    GroupEmailInvitationsService,
    GroupsRepository,
    GroupsService,
    MembershipsRepository,
    MembershipsService,
    PlatformSettingsRepository,
    ProfilesRepository,
    ProfilesService,
    TaxonomyRepository,
    TaxonomyService,
  ],
  exports: [GroupScope, ProfilesService, TaxonomyService],
})
export class CommunityModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(communityAccess);
  }
}
