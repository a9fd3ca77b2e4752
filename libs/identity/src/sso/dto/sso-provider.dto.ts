import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Optional, Trimmed } from '@plenary/core';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsFQDN,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export const SSO_PROVIDER_ID = /^[a-z0-9-]{2,40}$/;

const IdRules = () =>
  applyDecorators(
    IsString(),
    Matches(SSO_PROVIDER_ID, { message: 'must be 2 to 40 lower-case letters, digits or hyphens, such as entra-id' }),
  );
const NameRules = () => applyDecorators(Trimmed(), IsString(), MinLength(1), MaxLength(80));
/** An issuer identifier: an http(s) URL without query or fragment (https only in production: the service checks). */
const IssuerRules = () =>
  applyDecorators(
    Trimmed(),
    IsString(),
    MaxLength(500),
    Matches(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/, { message: 'must be an https URL without a query or fragment' }),
  );
const ClientIdRules = () => applyDecorators(Trimmed(), IsString(), MinLength(1), MaxLength(300));
const ClientSecretRules = () => applyDecorators(IsString(), MinLength(1), MaxLength(2000));

const ISSUER_EXAMPLE = 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0';
const ISSUER_DESCRIPTION = 'the issuer identifier (discovery at <issuer>/.well-known/openid-configuration); https';
const SECRET_DESCRIPTION = 'write-only: never returned';

const trimmedLowerCase = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'string' ? item.trim().toLowerCase() : item)) : value;

/** The settings of a provider that have defaults, on creation and change alike. */
class SsoProviderSettings {
  @ApiPropertyOptional({
    type: [String],
    maxItems: 100,
    example: ['ministry.example.org'],
    description: 'email domains whose members may sign in with it; empty (the default): any',
  })
  @Optional()
  @Transform(trimmedLowerCase)
  @IsArray({ message: 'must be a list of domain names' })
  @ArrayMaxSize(100)
  @IsFQDN({}, { each: true, message: 'must hold domain names such as example.org' })
  allowedDomains?: string[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 200,
    description: 'put on the profile of the accounts it creates',
  })
  @IsOptional()
  @Trimmed()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  defaultOrganisation?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'member_state',
    description: 'an organisation type key (GET /taxonomy/organisation-types) for the accounts it creates',
  })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z_]{2,40}$/, { message: 'must be an organisation type key such as member_state' })
  defaultOrganisationType?: string | null;

  @ApiPropertyOptional({
    description: 'members of allowedDomains must sign in with it: their passwords stop working (default false)',
  })
  @Optional()
  @IsBoolean()
  passwordSignInDisabled?: boolean;

  @ApiPropertyOptional({
    description:
      'accept an email that comes without an email_verified claim, as Entra ID sends it (default false); ' +
      'an email_verified: false is refused all the same',
  })
  @Optional()
  @IsBoolean()
  trustEmail?: boolean;

  @ApiPropertyOptional({ description: 'default true' })
  @Optional()
  @IsBoolean()
  enabled?: boolean;
}

export class CreateSsoProviderDto extends SsoProviderSettings {
  @ApiProperty({ pattern: SSO_PROVIDER_ID.source, example: 'entra-id', description: 'the slug in its addresses' })
  @IdRules()
  id!: string;

  @ApiProperty({ maxLength: 80, example: 'Ministry account', description: 'the label of the sign-in button' })
  @NameRules()
  name!: string;

  @ApiProperty({ maxLength: 500, example: ISSUER_EXAMPLE, description: ISSUER_DESCRIPTION })
  @IssuerRules()
  issuer!: string;

  @ApiProperty({ maxLength: 300 })
  @ClientIdRules()
  clientId!: string;

  @ApiProperty({ maxLength: 2000, description: SECRET_DESCRIPTION })
  @ClientSecretRules()
  clientSecret!: string;
}

export class UpdateSsoProviderDto extends SsoProviderSettings {
  @ApiPropertyOptional({ maxLength: 80, example: 'Ministry account' })
  @Optional()
  @NameRules()
  name?: string;

  @ApiPropertyOptional({ maxLength: 500, example: ISSUER_EXAMPLE, description: ISSUER_DESCRIPTION })
  @Optional()
  @IssuerRules()
  issuer?: string;

  @ApiPropertyOptional({ maxLength: 300 })
  @Optional()
  @ClientIdRules()
  clientId?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: SECRET_DESCRIPTION })
  @Optional()
  @ClientSecretRules()
  clientSecret?: string;
}

export class SsoProviderParams {
  @ApiProperty({ pattern: SSO_PROVIDER_ID.source, example: 'entra-id' })
  @IdRules()
  id!: string;
}

export class SsoProviderView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() issuer!: string;
  @ApiProperty() clientId!: string;
  @ApiProperty({ type: [String] }) allowedDomains!: string[];
  @ApiProperty({ type: String, nullable: true }) defaultOrganisation!: string | null;
  @ApiProperty({ type: String, nullable: true }) defaultOrganisationType!: string | null;
  @ApiProperty() passwordSignInDisabled!: boolean;
  @ApiProperty() trustEmail!: boolean;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ description: 'the redirect URI to register at the provider' }) redirectUri!: string;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

/** A sign-in button. */
export class SsoProviderOption {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}
