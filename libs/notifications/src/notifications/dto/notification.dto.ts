import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@plenary/core';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../model/notification-kinds.js';

export class NotificationListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'true: only the unread ones; false or left out: all' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'must be true or false' })
  unread?: boolean;
}

export class ActorView {
  @ApiProperty({ type: String, nullable: true, description: 'null once the account is deleted' }) id!: string | null;
  @ApiProperty() displayName!: string;
}

export class NotificationView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: NotificationKind;
  @ApiProperty({ type: ActorView, nullable: true, description: 'null for moderation' }) actor!: ActorView | null;
  @ApiProperty({ type: String, nullable: true }) threadId!: string | null;
  @ApiProperty({ type: String, nullable: true }) postId!: string | null;
  @ApiProperty({ type: String, nullable: true }) groupId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'session_live: the live session' })
  sessionId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'pledge_update: the pledge' })
  pledgeId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'review_*: the library item, resource or initiative' })
  itemKind!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'review_*: the library item' })
  itemId!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: "the thread's title, the group's name or the live session's title, as it was",
  })
  text!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "moderation: the moderator's action, e.g. post.hide" })
  action!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "moderation: the moderator's reason" })
  reason!: string | null;
  @ApiProperty() read!: boolean;
  @ApiProperty({ type: Date, nullable: true }) readAt!: Date | null;
  @ApiProperty() createdAt!: Date;
}

export class NotificationPage {
  @ApiProperty({ type: [NotificationView], description: 'newest first' }) items!: NotificationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({ description: "all the caller's unread notifications, whatever the page" }) unreadTotal!: number;
}

export class ReadAllResult {
  @ApiProperty({ description: 'how many were unread' }) updated!: number;
}
