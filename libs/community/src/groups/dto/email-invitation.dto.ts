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
