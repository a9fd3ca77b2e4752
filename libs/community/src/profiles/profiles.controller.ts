import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe, type Page } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, type Principal } from '@plenary/identity';
import { DirectoryQuery, ProfilePage, ProfileView, UpdateProfileDto } from './dto/profile.dto.js';
import { ProfilesService } from './profiles.service.js';

/** Profiles and the member directory, under `/members` (export and deletion of the account are identity's). */
@ApiTags('members')
@Authenticated()
@Controller('members')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get('me')
  @ApiOkResponse({ type: ProfileView })
  own(@CurrentUser() principal: Principal): Promise<ProfileView> {
    return this.profiles.getOwn(principal);
  }

  @Patch('me')
  @ApiOkResponse({ type: ProfileView })
  update(@CurrentUser() principal: Principal, @Body() changes: UpdateProfileDto): Promise<ProfileView> {
    return this.profiles.updateOwn(principal, changes);
  }

  @Get()
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: ProfilePage })
  directory(@Caller() caller: Principal | null, @Query() query: DirectoryQuery): Promise<Page<ProfileView>> {
    return this.profiles.directory(caller, query);
  }

  @Get(':id')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: ProfileView })
  get(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): Promise<ProfileView> {
    return this.profiles.get(caller, id);
  }
}
