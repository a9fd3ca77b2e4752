import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsJWT, IsOptional, ValidateIf } from 'class-validator';
import { NewPasswordRules, PasswordRules } from '../../credentials/password-rules.js';
import { DisplayNameField, EmailRules, UserView } from '../../users/dto/user.dto.js';
import { USER_LOCALES, type UserLocale } from '../../users/user.schema.js';

export class RegisterDto extends DisplayNameField {
  @ApiProperty({ example: 'amina@example.org' })
  @EmailRules()
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @NewPasswordRules()
  password!: string;

  @ApiPropertyOptional({ enum: USER_LOCALES, description: 'the language of mails (default en)' })
  @IsOptional()
  @IsIn(USER_LOCALES, { message: `must be one of ${USER_LOCALES.join(', ')}` })
  locale?: UserLocale;
}

export class LoginDto {
  @ApiProperty({ example: 'amina@example.org' })
  @EmailRules()
  email!: string;

  @ApiProperty()
  @PasswordRules()
  password!: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsJWT({ message: 'must be a refresh token' })
  refreshToken!: string;
}

export class LogoutDto {
  @ApiPropertyOptional({ description: 'sign out the session this refresh token belongs to' })
  @ValidateIf((dto: LogoutDto) => dto.everywhere !== true)
  @IsJWT({ message: 'must be a refresh token (or set everywhere: true)' })
  refreshToken?: string;

  @ApiPropertyOptional({ description: 'sign out every session of this account' })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}

export class AuthResponse {
  @ApiProperty({ type: UserView }) user!: UserView;
  @ApiProperty() accessToken!: string;
  @ApiProperty() refreshToken!: string;
  @ApiProperty({ description: 'access token lifetime in seconds' }) expiresIn!: number;
}
