import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, CurrentUser, type Principal } from '@plenary/identity';
import { CapabilitiesService } from './capabilities.service.js';
import { CapabilitiesDto, CapabilitiesView } from './dto/capabilities.dto.js';

@ApiTags('library')
@Authenticated()
@Controller('users/:id/capabilities')
export class CapabilitiesController {
  constructor(private readonly capabilities: CapabilitiesService) {}

  @Get()
  @ApiOkResponse({ type: CapabilitiesView, description: 'the member, moderators and admins' })
  get(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<CapabilitiesView> {
    return this.capabilities.get(principal, id);
  }

  @Put()
  @ApiOkResponse({ type: CapabilitiesView, description: "admins; a group's owners for their group's library" })
  put(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: CapabilitiesDto,
  ): Promise<CapabilitiesView> {
    return this.capabilities.put(principal, id, dto);
  }
}
