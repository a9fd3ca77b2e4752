import { Body, Controller, Delete, Get, Header, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe, type Page } from '@plenary/core';
import { AccountsService, Caller, CurrentUser, OptionalAuth, type Principal } from '@plenary/identity';
import { DirectoryQuery, ProfilePage, ProfileView, UpdateProfileDto } from './dto/member.dto.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@ApiBearerAuth()
@Controller('members')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly accounts: AccountsService,
  ) {}

  @Get('me')
  @ApiOkResponse({ type: ProfileView })
  own(@CurrentUser() principal: Principal): Promise<ProfileView> {
    return this.members.getOwn(principal);
  }

  @Patch('me')
  @ApiOkResponse({ type: ProfileView })
  update(@CurrentUser() principal: Principal, @Body() changes: UpdateProfileDto): Promise<ProfileView> {
    return this.members.updateOwn(principal, changes);
  }

  @Get('me/export')
  @Header('Content-Disposition', 'attachment; filename="plenary-export.json"')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'everything Plenary holds about the caller, by context' })
  export(@CurrentUser() principal: Principal): Promise<Record<string, unknown>> {
    return this.accounts.exportData(principal);
  }

  @Delete('me')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the account, its credentials and profile are gone' })
  async delete(@CurrentUser() principal: Principal): Promise<void> {
    await this.accounts.deleteAccount(principal);
  }

  @Get()
  @OptionalAuth()
  @ApiOkResponse({ type: ProfilePage })
  directory(@Caller() caller: Principal | null, @Query() query: DirectoryQuery): Promise<Page<ProfileView>> {
    return this.members.directory(caller, query);
  }

  @Get(':id')
  @OptionalAuth()
  @ApiOkResponse({ type: ProfileView })
  get(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): Promise<ProfileView> {
    return this.members.get(caller, id);
  }
}
