import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EMAIL_INVITATION_STATUSES, type EmailInvitationStatus } from '@plenary/community';
import { Optional } from '@plenary/core';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEmail, MaxLength } from 'class-validator';
import { ATTENDANCE_MODES, type AttendanceMode } from '../../model/live-kinds.js';
import { Mode } from '../../shared/live-fields.dto.js';

export const MAX_EVENT_INVITATIONS = 200;

export class InviteToEventDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: MAX_EVENT_INVITATIONS, description: 'repeats are mailed once' })
  @Transform(({ value }: { value: unknown }) =>
    Array.isArray(value) ? value.map((email) => (typeof email === 'string' ? email.trim() : email)) : value,
  )
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_EVENT_INVITATIONS)
  @IsEmail({}, { each: true, message: 'must hold valid email addresses' })
  @MaxLength(254, { each: true })
  emails!: string[];
}

export class EventInvitationsSent {
  @ApiProperty({ description: 'the distinct addresses invited' }) invited!: number;
}

export class AcceptEventInvitationDto {
  @ApiPropertyOptional({
    enum: ATTENDANCE_MODES,
    description: 'default: in person for an in-person event, else remote',
  })
  @Optional()
  @Mode()
  mode?: AttendanceMode;
}

class Inviter {
  @ApiProperty({ type: String, nullable: true, description: 'null once their account is deleted' }) id!: string | null;
  @ApiProperty() displayName!: string;
}

/** An invitation by email awaiting an answer, as the event's hosts list it. */
export class EventEmailInvitationView {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: Inviter }) invitedBy!: Inviter;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty() createdAt!: Date;
}

export class EventEmailInvitationPage {
  @ApiProperty({ type: [EventEmailInvitationView] }) items!: EventEmailInvitationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

class InvitingEvent {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() startsAt!: Date;
}

class InviterName {
  @ApiProperty() displayName!: string;
}

/** What the holder of an invitation link learns about it. */
export class EventInvitationDescription {
  @ApiProperty({ type: InvitingEvent }) event!: InvitingEvent;
  @ApiProperty() email!: string;
  @ApiProperty({ type: InviterName }) invitedBy!: InviterName;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty({ enum: EMAIL_INVITATION_STATUSES }) status!: EmailInvitationStatus;
}
