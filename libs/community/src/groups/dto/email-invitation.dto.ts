import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

/** The token of an invitation link (the only key to it: invitations are never listed by token). */
export class InvitationTokenParam {
  @ApiProperty({ description: 'the token from the mailed link' })
  @Matches(/^[A-Za-z0-9_-]{20,100}$/, { message: 'must be the token from an invitation link' })
  token!: string;
}

export class EmailInvitationSent {
  @ApiProperty() email!: string;
  @ApiProperty() expiresAt!: Date;
}

class Inviter {
  @ApiProperty({ type: String, nullable: true, description: 'null once their account is deleted' }) id!: string | null;
  @ApiProperty() displayName!: string;
}

/** An invitation by email awaiting an answer, as those who may invite (a group's, an event's hosts) list it. */
export class EmailInvitationView {
  @ApiProperty() id!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ type: Inviter }) invitedBy!: Inviter;
  @ApiProperty() expiresAt!: Date;
  @ApiProperty() createdAt!: Date;
}

export class EmailInvitationPage {
  @ApiProperty({ type: [EmailInvitationView] }) items!: EmailInvitationView[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

/** Who invited, as the holder of the link learns it. */
export class InviterName {
  @ApiProperty() displayName!: string;
}
