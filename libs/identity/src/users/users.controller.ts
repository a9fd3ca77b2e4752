import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe, type Page } from '@plenary/core';
import { AllowUnverified, Authenticated, CurrentUser } from '../access/decorators.js';
import type { Principal } from '../auth/principal.js';
import { ListUsersQuery, UpdateMeDto, UpdateUserDto, UserPage, UserView } from './dto/user.dto.js';
import { USER } from './user.schema.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Authenticated()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOkResponse({ type: UserView })
  me(@CurrentUser() principal: Principal): Promise<UserView> {
    return this.users.getSelf(principal);
  }

  @Patch('me')
  @AllowUnverified()
  @ApiOkResponse({ type: UserView })
  updateMe(@CurrentUser() principal: Principal, @Body() changes: UpdateMeDto): Promise<UserView> {
    return this.users.setOwnLocale(principal, changes.locale);
  }

  @Get('users')
  @Authenticated({ permission: ['list', USER] })
  @ApiOkResponse({ type: UserPage })
  list(@CurrentUser() principal: Principal, @Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(principal, query);
  }

  @Get('users/:id')
  @ApiOkResponse({ type: UserView })
  get(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<UserView> {
    return this.users.getById(principal, id);
  }

  @Patch('users/:id')
  @ApiOkResponse({ type: UserView })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() changes: UpdateUserDto,
  ): Promise<UserView> {
    return this.users.update(principal, id, changes);
  }
}
