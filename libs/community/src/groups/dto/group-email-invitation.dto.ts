import { ApiProperty } from '@nestjs/swagger';
import { EMAIL_INVITATION_STATUSES, type EmailInvitationStatus } from '../email-invitation.js';

class Inviter {
  @ApiProperty({ type: String, nullable: true, description: 'null once their account is deleted' }) id!: string | null;
  @ApiProperty() displayName!: string;
}

/** An invitation by email awaiting an answer, as owners and facilitators list it. */
export class GroupEmailInvitationView {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: Inviter }) invitedBy!: Inviter;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty() createdAt!: Date;
}

export class GroupEmailInvitationPage {
  @ApiProperty({ type: [GroupEmailInvitationView] }) items!: GroupEmailInvitationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

class InvitingGroup {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

class InviterName {
  @ApiProperty() displayName!: string;
}

/** What the holder of an invitation link learns about it. */
export class GroupInvitationDescription {
  @ApiProperty({ type: InvitingGroup }) group!: InvitingGroup;
  @ApiProperty() email!: string;
  @ApiProperty({ type: InviterName }) invitedBy!: InviterName;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty({ enum: EMAIL_INVITATION_STATUSES }) status!: EmailInvitationStatus;
}
