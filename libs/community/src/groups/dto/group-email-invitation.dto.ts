import { ApiProperty } from '@nestjs/swagger';
import { EMAIL_INVITATION_STATUSES, type EmailInvitationStatus } from '../email-invitation.js';
import { InviterName } from './email-invitation.dto.js';

class InvitingGroup {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

/** What the holder of an invitation link learns about it. */
export class GroupInvitationDescription {
  @ApiProperty({ type: InvitingGroup }) group!: InvitingGroup;
  @ApiProperty() email!: string;
  @ApiProperty({ type: InviterName }) invitedBy!: InviterName;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty({ enum: EMAIL_INVITATION_STATUSES }) status!: EmailInvitationStatus;
}
