import { Module, type OnModuleInit } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CommunityModule } from '@plenary/community';
import { FilesModule } from '@plenary/files';
import { AccessService, IdentityModule } from '@plenary/identity';
import { LibraryAbilities } from './access/library-abilities.js';
import { CapabilitiesController } from './capabilities/capabilities.controller.js';
import { CapabilitiesRepository } from './capabilities/capabilities.repository.js';
import { CapabilitiesService } from './capabilities/capabilities.service.js';
import { CapabilityGrant, CapabilityGrantSchema } from './capabilities/capability.schema.js';
import { CatalogueService } from './catalogue/catalogue.service.js';
import { ItemAccess } from './engine/item-access.js';
import { ItemsService } from './engine/items.service.js';
import { MyReviewsController } from './engine/my-reviews.controller.js';
import { ReviewReminders } from './engine/review-reminders.js';
import { ReviewsService } from './engine/reviews.service.js';
import { InitiativesController } from './initiatives/initiatives.controller.js';
import { libraryAccess } from './library.access.js';
import { LibraryCommunity } from './library-community.js';
import { LibraryItem, LibraryItemSchema } from './records/item.schema.js';
import { ItemsRepository } from './records/items.repository.js';
import { Review, ReviewAssignment, ReviewAssignmentSchema, ReviewSchema } from './records/review.schema.js';
import { AssignmentsRepository, ReviewsRepository } from './records/reviews.repository.js';
import { LibraryVersion, LibraryVersionSchema } from './records/version.schema.js';
import { VersionsRepository } from './records/versions.repository.js';
import { ResourcesController } from './resources/resources.controller.js';
import { ReviewSettings, ReviewSettingsSchema } from './settings/review-settings.schema.js';
import { ReviewSettingsController } from './settings/review-settings.controller.js';
import { ReviewSettingsRepository } from './settings/review-settings.repository.js';
import { ReviewSettingsService } from './settings/review-settings.service.js';

/**
 * The library: resources and initiatives through one review engine (versions, reviewers with a
 * rubric, the editors' decisions), the catalogue with facets and search, review capabilities and
 * the rubric. It publishes its events (library.events.ts): notifications subscribe; every step goes
 * to moderation's audit log as a ModeratorActed event.
 */
@Module({
  imports: [
    IdentityModule,
    CommunityModule,
    FilesModule,
    MongooseModule.forFeature([
      { name: LibraryItem.name, schema: LibraryItemSchema },
      { name: LibraryVersion.name, schema: LibraryVersionSchema },
      { name: ReviewAssignment.name, schema: ReviewAssignmentSchema },
      { name: Review.name, schema: ReviewSchema },
      { name: CapabilityGrant.name, schema: CapabilityGrantSchema },
      { name: ReviewSettings.name, schema: ReviewSettingsSchema },
    ]),
  ],
  controllers: [
    ResourcesController,
    InitiativesController,
    MyReviewsController,
    CapabilitiesController,
    ReviewSettingsController,
  ],
  providers: [
    AssignmentsRepository,
    CapabilitiesRepository,
    CapabilitiesService,
    CatalogueService,
    ItemAccess,
    ItemsRepository,
    ItemsService,
    LibraryAbilities,
    LibraryCommunity,
    ReviewReminders,
    ReviewsRepository,
    ReviewsService,
    ReviewSettingsRepository,
    ReviewSettingsService,
    VersionsRepository,
  ],
  exports: [ReviewReminders],
})
export class LibraryModule implements OnModuleInit {
  constructor(private readonly access: AccessService) {}

  onModuleInit(): void {
    this.access.register(libraryAccess);
  }
}
