import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ProfilesService } from '@plenary/community';

export class PersonView {
  @ApiProperty({ type: String, nullable: true, description: 'null for a deleted account' }) id!: string | null;
  @ApiProperty() displayName!: string;
}

/** Members' display names, for the moderation queue and the audit log. */
@Injectable()
export class People {
  constructor(private readonly profiles: ProfilesService) {}

  async names(ids: string[]): Promise<(id: string) => PersonView> {
    const found = await this.profiles.authorNames(ids);
    return (id: string) => found.get(id) ?? { id: null, displayName: '' };
  }
}
