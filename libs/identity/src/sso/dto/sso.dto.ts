import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SSO_PROVIDER_ID } from './sso-provider.dto.js';

/** The random values Plenary hands out (newSecretToken): 32 bytes in base64url. */
const SECRET_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class SsoProviderPath {
  @ApiProperty({ pattern: SSO_PROVIDER_ID.source, example: 'entra-id' })
  @IsString()
  @Matches(SSO_PROVIDER_ID, { message: 'must be the id of a sign-in provider' })
  provider!: string;
}

export class SsoStartQuery {
  @ApiPropertyOptional({
    example: '/forum',
    description: 'the page of the web client to come back to; ignored unless a path on this site',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  returnTo?: string;
}

export class SsoExchangeDto {
  @ApiProperty({ description: 'the code of /sso/callback?code=…' })
  @IsString()
  @Matches(SECRET_TOKEN, { message: 'must be a sign-in code' })
  code!: string;
}

export class SsoLinkDto {
  @ApiProperty({ description: 'the token of the /sso/link?token=… mailed to the account' })
  @IsString()
  @Matches(SECRET_TOKEN, { message: 'must be a link token' })
  token!: string;
}
