import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Optional, TimeZone } from '@plenary/core';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsObject, ValidateNested } from 'class-validator';
import { DIGEST_FREQUENCIES, type DigestFrequency, type NotificationKind } from '../../model/notification-kinds.js';

const ON_OR_OFF = { message: 'must be true or false' };
const AN_OBJECT = { message: 'must be an object' };

/** Every kind, on (true) or off. */
export class NotificationKindSettings implements Record<NotificationKind, boolean> {
  @ApiProperty() mention!: boolean;
  @ApiProperty() reply!: boolean;
  @ApiProperty() accepted_answer!: boolean;
  @ApiProperty() moderation!: boolean;
  @ApiProperty() group_invitation!: boolean;
  @ApiProperty() group_request_approved!: boolean;
  @ApiProperty() session_live!: boolean;
  @ApiProperty() pledge_update!: boolean;
  @ApiProperty() review_assigned!: boolean;
  @ApiProperty() review_reminder!: boolean;
  @ApiProperty() review_decision!: boolean;
}

/** The kinds to turn on (true) or off (false); kinds left out keep their setting. */
export class NotificationKindChanges implements Partial<Record<NotificationKind, boolean>> {
  @ApiPropertyOptional({ description: 'someone mentioned you in a post' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  mention?: boolean;

  @ApiPropertyOptional({ description: 'a new post in a thread you follow, or a reply to your post' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  reply?: boolean;

  @ApiPropertyOptional({ description: 'your post was marked as the answer' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  accepted_answer?: boolean;

  @ApiPropertyOptional({ description: 'a moderator acted on your content or account' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  moderation?: boolean;

  @ApiPropertyOptional({ description: 'you were invited to a group' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  group_invitation?: boolean;

  @ApiPropertyOptional({ description: 'your request to join a group was approved' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  group_request_approved?: boolean;

  @ApiPropertyOptional({ description: 'a live session you registered for has started' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  session_live?: boolean;

  @ApiPropertyOptional({ description: 'progress was reported on a pledge you follow' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  pledge_update?: boolean;

  @ApiPropertyOptional({ description: 'you were asked to review a resource or initiative (or its revision)' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  review_assigned?: boolean;

  @ApiPropertyOptional({ description: 'a review of yours is due soon' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  review_reminder?: boolean;

  @ApiPropertyOptional({ description: 'an editor decided on your submission' })
  @Optional()
  @IsBoolean(ON_OR_OFF)
  review_decision?: boolean;
}

export class UpdatePreferencesDto {
  @ApiPropertyOptional({ type: NotificationKindChanges })
  @Optional()
  @IsObject(AN_OBJECT)
  @ValidateNested(AN_OBJECT)
  @Type(() => NotificationKindChanges)
  kinds?: NotificationKindChanges;

  @ApiPropertyOptional({ enum: DIGEST_FREQUENCIES, description: 'the email digest of unread notifications' })
  @Optional()
  @IsIn(DIGEST_FREQUENCIES, { message: `must be one of ${DIGEST_FREQUENCIES.join(', ')}` })
  digest?: DigestFrequency;

  @ApiPropertyOptional({
    example: 'Africa/Nairobi',
    description: "where the member lives (IANA time zone): the digest's days and weeks start at midnight there",
  })
  @Optional()
  @TimeZone()
  timeZone?: string;
}

export class PreferencesView {
  @ApiProperty({ type: NotificationKindSettings, description: 'kinds that are off are not notified at all' })
  kinds!: NotificationKindSettings;

  @ApiProperty({ enum: DIGEST_FREQUENCIES }) digest!: DigestFrequency;

  @ApiProperty({ type: String, nullable: true, description: 'IANA time zone of the digest; null: UTC' })
  timeZone!: string | null;
}
