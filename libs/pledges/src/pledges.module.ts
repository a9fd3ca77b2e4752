import { Module, type OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommunityModule } from '@plenary/community';
import { FilesModule } from '@plenary/files';
import { AccessService, IdentityModule } from '@plenary/identity';
import { ClusterList } from './clusters/cluster-list.js';
import { PledgeSetting, PledgeSettingSchema } from './clusters/cluster-list.schema.js';
import { ClustersRepository } from './clusters/clusters.repository.js';
import { PledgeDashboardController } from './dashboard/dashboard.controller.js';
import { PledgeDashboardService } from './dashboard/dashboard.service.js';
import { PledgeFollow, PledgeFollowSchema } from './follows/follow.schema.js';
import { PledgeFollowsRepository } from './follows/follows.repository.js';
import { PledgesAccounts } from './pledges-accounts.js';
import { pledgesAccess } from './pledges.access.js';
import { Pledge, PledgeSchema } from './pledges/pledge.schema.js';
import { PledgesController } from './pledges/pledges.controller.js';
import { PledgesRepository } from './pledges/pledges.repository.js';
import { PledgesService } from './pledges/pledges.service.js';
import { ClusterSettingsController } from './settings/cluster-settings.controller.js';
import { ClusterSettingsService } from './settings/cluster-settings.service.js';
import { ProgressUpdate, ProgressUpdateSchema } from './updates/progress-update.schema.js';
import { ProgressUpdatesController } from './updates/updates.controller.js';
import { ProgressUpdatesRepository } from './updates/updates.repository.js';
import { ProgressUpdatesService } from './updates/updates.service.js';

/**
 * Pledges made by Member States and organisations, their progress updates and followers, the
 * public dashboard and export, and the configurable cluster list. It publishes
 * PledgeProgressReported (pledge.events.ts); notifications subscribe, and moderators' edits reach
 * the audit log through ModeratorActed.
 */
@Module({
  imports: [
    IdentityModule,
    CommunityModule,
    FilesModule,
    MongooseModule.forFeature([
      { name: Pledge.name, schema: PledgeSchema },
      { name: ProgressUpdate.name, schema: ProgressUpdateSchema },
      { name: PledgeFollow.name, schema: PledgeFollowSchema },
      { name: PledgeSetting.name, schema: PledgeSettingSchema },
    ]),
  ],
  // The dashboard's fixed paths (/pledges/dashboard, /pledges/export) come before /pledges/:id.
  controllers: [PledgeDashboardController, PledgesController, ProgressUpdatesController, ClusterSettingsController],
  providers: [
    ClusterList,
    ClusterSettingsService,
    ClustersRepository,
    PledgeDashboardService,
    PledgeFollowsRepository,
    PledgesAccounts,
    PledgesRepository,
    PledgesService,
    ProgressUpdatesRepository,
    ProgressUpdatesService,
  ],
})
export class PledgesModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(pledgesAccess);
  }
}
