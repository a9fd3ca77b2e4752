import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiForbiddenResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, CurrentUser, type Principal } from '@plenary/identity';
import {
  CommentFlagParams,
  CommentFlagReceipt,
  CreateFlagDto,
  FlagListQuery,
  FlagPage,
  FlagReceipt,
  FlagView,
  ReviewFlagDto,
} from './dto/flag.dto.js';
import { FlagsService } from './flags.service.js';

const MODERATORS_ONLY = { description: 'the caller moderates nothing' };

@ApiTags('moderation')
@Authenticated()
@Controller()
export class FlagsController {
  constructor(private readonly flags: FlagsService) {}

  @Post('posts/:id/flags')
  @ApiCreatedResponse({ type: FlagReceipt, description: '409 when the caller already has an open flag on the post' })
  flag(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: CreateFlagDto,
  ): Promise<FlagReceipt> {
    return this.flags.flag(principal, id, dto);
  }

  @Post('consultations/:id/comments/:commentId/flags')
  @ApiCreatedResponse({
    type: CommentFlagReceipt,
    description: '409 when the caller already has an open flag on the comment',
  })
  flagComment(
    @CurrentUser() principal: Principal,
    @Param() { id, commentId }: CommentFlagParams,
    @Body() dto: CreateFlagDto,
  ): Promise<CommentFlagReceipt> {
    return this.flags.flagComment(principal, id.toLowerCase(), commentId.toLowerCase(), dto);
  }

  @Get('moderation/flags')
  @ApiOkResponse({ type: FlagPage, description: 'newest first, in the caller’s scope' })
  @ApiForbiddenResponse(MODERATORS_ONLY)
  list(@CurrentUser() principal: Principal, @Query() query: FlagListQuery): Promise<FlagPage> {
    return this.flags.list(principal, query);
  }

  @Post('moderation/flags/:id/resolve')
  @HttpCode(200)
  @ApiOkResponse({ type: FlagView, description: 'resolves every open flag on the post (or comment), and hides it' })
  @ApiForbiddenResponse(MODERATORS_ONLY)
  resolve(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: ReviewFlagDto,
  ): Promise<FlagView> {
    return this.flags.review(principal, id, 'resolve', dto.reason);
  }

  @Post('moderation/flags/:id/dismiss')
  @HttpCode(200)
  @ApiOkResponse({
    type: FlagView,
    description: 'dismisses every open flag on the post, and restores it if its flags had hidden it',
  })
  @ApiForbiddenResponse(MODERATORS_ONLY)
  dismiss(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: ReviewFlagDto,
  ): Promise<FlagView> {
    return this.flags.review(principal, id, 'dismiss', dto.reason);
  }
}
