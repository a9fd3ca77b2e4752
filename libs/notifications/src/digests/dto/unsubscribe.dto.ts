import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { DIGEST_FREQUENCIES, type DigestFrequency } from '../../model/notification-kinds.js';

/** A mail client's one-click unsubscribe (RFC 8058) sends the token in the address. */
export class UnsubscribeQuery {
  @ApiPropertyOptional({ description: "the token of the digest's unsubscribe link" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}

/**
 * The web page sends `{ token }`; a mail client's one-click POST sends the form body
 * `List-Unsubscribe=One-Click`, with the token in the address.
 */
export class UnsubscribeDto {
  @ApiPropertyOptional({ description: "the token of the digest's unsubscribe link" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;

  @ApiPropertyOptional({ name: 'List-Unsubscribe', enum: ['One-Click'] })
  @IsOptional()
  @IsIn(['One-Click'], { message: 'must be One-Click' })
  'List-Unsubscribe'?: string;
}

export class UnsubscribeResult {
  @ApiProperty({ enum: DIGEST_FREQUENCIES }) digest!: DigestFrequency;
}
