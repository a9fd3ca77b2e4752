import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EMAIL_INVITATION_STATUSES, type EmailInvitationStatus, InviterName } from '@plenary/community';
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

class InvitingEvent {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() startsAt!: Date;
}

/** What the holder of an invitation link learns about it. */
export class EventInvitationDescription {
  @ApiProperty({ type: InvitingEvent }) event!: InvitingEvent;
  @ApiProperty() email!: string;
  @ApiProperty({ type: InviterName }) invitedBy!: InviterName;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty({ enum: EMAIL_INVITATION_STATUSES }) status!: EmailInvitationStatus;
}
