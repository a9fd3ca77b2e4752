import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, CurrentUser, Limited, type Principal } from '@plenary/identity';
import { CarriedToForum, CarryToForumDto } from './dto/forum-carry.dto.js';
import { ForumCarryService } from './forum-carry.service.js';

@ApiTags('live')
@Authenticated()
@Controller('live/sessions/:id/carry-to-forum')
export class ForumCarryController {
  constructor(private readonly carry: ForumCarryService) {}

  @Post()
  @Limited('newThread')
  @ApiCreatedResponse({
    type: CarriedToForum,
    description: 'hosts, once the session has ended: one thread of its open questions, in a category they may post in',
  })
  @ApiConflictResponse({ description: 'the session has not ended, or its questions were carried already' })
  carryToForum(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: CarryToForumDto,
  ): Promise<CarriedToForum> {
    return this.carry.carry(principal, id, dto.categoryId.toLowerCase());
  }
}
