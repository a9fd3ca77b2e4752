import { ApiProperty } from '@nestjs/swagger';
import { IsMongoId } from 'class-validator';

export class CarryToForumDto {
  @ApiProperty({ description: 'the forum category to start the thread in (the forum decides who may)' })
  @IsMongoId({ message: 'must be a 24-character hex id' })
  categoryId!: string;
}

export class CarriedToForum {
  @ApiProperty({ description: 'the thread holding the questions' }) threadId!: string;
}
