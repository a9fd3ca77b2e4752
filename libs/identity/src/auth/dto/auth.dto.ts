import { Trimmed } from '@plenary/core';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsJWT,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { DisplayNameField, UserView } from '../../users/dto/user.dto.js';

export class RegisterDto extends DisplayNameField {
  @ApiProperty({ example: 'amina@example.org' })
  @Trimmed()
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @MinLength(10, { message: 'must be at least 10 characters long' })
  @MaxLength(200)
  @Matches(/^(?=.*\p{L})(?=.*[^\p{L}]).*$/su, { message: 'must contain a letter and a digit or symbol' })
  password!: string;
}

export class LoginDto {
  @ApiProperty({ example: 'amina@example.org' })
  @Trimmed()
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
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
