import { ApiProperty } from '@nestjs/swagger';

export class FileSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'the name it is served under (the client’s, with the extension of its type)' })
  name!: string;
  @ApiProperty({ description: 'bytes' }) size!: number;
  @ApiProperty({ description: 'sniffed from the bytes', example: 'application/pdf' }) contentType!: string;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex' }) sha256!: string;
}

export class FileMetaDto extends FileSummaryDto {
  @ApiProperty() createdAt!: Date;
  @ApiProperty({ description: 'attached to something (a resource, a pledge update…); else only its uploader sees it' })
  attached!: boolean;
  @ApiProperty({ enum: ['none', 'pending', 'done', 'failed'], description: 'extraction of its text for search' })
  textStatus!: string;
}
