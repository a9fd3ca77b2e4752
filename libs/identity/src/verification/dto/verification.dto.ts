import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { NewPasswordRules, PasswordRules } from '../../credentials/password-rules.js';
import { EmailRules } from '../../users/dto/user.dto.js';

export class MailedTokenDto {
  @ApiProperty({ description: 'the token of the link mailed to the member' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'must be the token of a mailed link' })
  token!: string;
}

export class VerifiedEmailView {
  @ApiProperty({ description: 'the address of the account, verified (the new one after an address change)' })
  email!: string;
  @ApiProperty({ type: Boolean, description: 'always true' }) verified!: true;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'amina@example.org' })
  @EmailRules()
  email!: string;
}

export class PasswordResetConfirmDto extends MailedTokenDto {
  @ApiProperty({ minLength: 10, maxLength: 200, description: 'the new password' })
  @NewPasswordRules()
  password!: string;
}

export class EmailChangeDto {
  @ApiProperty({ example: 'amina.diallo@example.org', description: 'the new address' })
  @EmailRules()
  email!: string;

  @ApiProperty({ description: 'the current password' })
  @PasswordRules()
  password!: string;
}
