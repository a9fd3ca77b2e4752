import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, Limited, type Principal } from '@plenary/identity';
import {
  CreateThreadDto,
  MoveThreadDto,
  PostRefDto,
  ReasonDto,
  ThreadListQuery,
  ThreadPage,
  ThreadView,
  UpdateThreadDto,
} from './dto/thread.dto.js';
import { type ThreadAction, ThreadsService } from './threads.service.js';

@ApiTags('forum')
@Authenticated()
@Controller()
export class ThreadsController {
  constructor(private readonly threads: ThreadsService) {}

  @Get('categories/:id/threads')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: ThreadPage })
  list(
    @Caller() caller: Principal | null,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: ThreadListQuery,
  ): Promise<ThreadPage> {
    return this.threads.list(caller, id, query);
  }

  @Post('categories/:id/threads')
  @Limited('newThread')
  @ApiCreatedResponse({ type: ThreadView })
  create(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: CreateThreadDto,
  ): Promise<ThreadView> {
    return this.threads.create(principal, id, dto);
  }

  @Get('threads/:id')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: ThreadView })
  get(@Caller() caller: Principal | null, @Param('id', ObjectIdPipe) id: string): Promise<ThreadView> {
    return this.threads.get(caller, id);
  }

  @Patch('threads/:id')
  @ApiOkResponse({ type: ThreadView })
  update(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: UpdateThreadDto,
  ): Promise<ThreadView> {
    return this.threads.update(principal, id, dto);
  }

  @Delete('threads/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'its author while nobody replied, or a moderator (reason optional)' })
  async delete(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<void> {
    await this.threads.delete(principal, id, dto.reason ?? null);
  }

  @Post('threads/:id/pin')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView })
  pin(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.act(principal, id, 'pin', dto);
  }

  @Post('threads/:id/unpin')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView })
  unpin(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.act(principal, id, 'unpin', dto);
  }

  @Post('threads/:id/lock')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView })
  lock(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.act(principal, id, 'lock', dto);
  }

  @Post('threads/:id/unlock')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView })
  unlock(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.act(principal, id, 'unlock', dto);
  }

  @Post('threads/:id/hide')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView })
  hide(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.act(principal, id, 'hide', dto);
  }

  @Post('threads/:id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView })
  restore(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.act(principal, id, 'restore', dto);
  }

  @Post('threads/:id/move')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView })
  move(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: MoveThreadDto,
  ): Promise<ThreadView> {
    return this.threads.move(principal, id, dto);
  }

  @Post('threads/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView })
  accept(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: PostRefDto,
  ): Promise<ThreadView> {
    return this.threads.accept(principal, id, dto.postId);
  }

  @Post('threads/:id/follow')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView })
  follow(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<ThreadView> {
    return this.threads.follow(principal, id, true);
  }

  @Delete('threads/:id/follow')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView })
  unfollow(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<ThreadView> {
    return this.threads.follow(principal, id, false);
  }

  @Post('threads/:id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: ThreadView, description: 'the caller has read the thread up to this post' })
  read(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: PostRefDto,
  ): Promise<ThreadView> {
    return this.threads.read(principal, id, dto.postId);
  }

  private act(principal: Principal, id: string, action: ThreadAction, dto: ReasonDto): Promise<ThreadView> {
    return this.threads.act(principal, id, action, dto.reason ?? null);
  }
}
