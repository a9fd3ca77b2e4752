import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe, PageQuery } from '@plenary/core';
import { Authenticated, Caller, CurrentUser, Limited, type Principal } from '@plenary/identity';
import {
  CreatePostDto,
  EditPostDto,
  PostPage,
  PostView,
  PreviewDto,
  PreviewView,
  ReactionParams,
  ReactionsView,
  ReasonDto,
  RevisionList,
} from './dto/thread.dto.js';
import { PostsService } from './posts.service.js';

@ApiTags('forum')
@Authenticated()
@Controller()
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @Get('threads/:id/posts')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: PostPage })
  list(
    @Caller() caller: Principal | null,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<PostPage> {
    return this.posts.list(caller, id, query);
  }

  @Post('threads/:id/posts')
  @Limited('newPost')
  @ApiCreatedResponse({ type: PostView })
  reply(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: CreatePostDto,
  ): Promise<PostView> {
    return this.posts.reply(principal, id, dto);
  }

  @Post('forum/preview')
  @HttpCode(200)
  @ApiOkResponse({
    type: PreviewView,
    description: "the composer's preview: renders, resolves mentions, stores nothing",
  })
  preview(@Body() dto: PreviewDto): Promise<PreviewView> {
    return this.posts.preview(dto.text);
  }

  @Patch('posts/:id')
  @ApiOkResponse({ type: PostView })
  edit(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: EditPostDto,
  ): Promise<PostView> {
    return this.posts.edit(principal, id, dto);
  }

  @Delete('posts/:id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'leaves a "deleted" placeholder' })
  async delete(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: ReasonDto,
  ): Promise<void> {
    await this.posts.delete(principal, id, dto.reason ?? null);
  }

  @Get('posts/:id/history')
  @ApiOkResponse({ type: RevisionList, description: 'to the author and moderators' })
  history(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<RevisionList> {
    return this.posts.history(principal, id);
  }

  @Post('posts/:id/reactions/:kind')
  @HttpCode(200)
  @ApiOkResponse({ type: ReactionsView, description: 'idempotent' })
  react(@CurrentUser() principal: Principal, @Param() { id, kind }: ReactionParams): Promise<ReactionsView> {
    return this.posts.react(principal, id.toLowerCase(), kind, true);
  }

  @Delete('posts/:id/reactions/:kind')
  @HttpCode(200)
  @ApiOkResponse({ type: ReactionsView, description: 'idempotent' })
  unreact(@CurrentUser() principal: Principal, @Param() { id, kind }: ReactionParams): Promise<ReactionsView> {
    return this.posts.react(principal, id.toLowerCase(), kind, false);
  }

  @Post('posts/:id/hide')
  @HttpCode(200)
  @ApiOkResponse({ type: PostView })
  hide(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.posts.moderate(principal, id, 'hide', dto.reason ?? null);
  }

  @Post('posts/:id/restore')
  @HttpCode(200)
  @ApiOkResponse({ type: PostView })
  restore(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string, @Body() dto: ReasonDto) {
    return this.posts.moderate(principal, id, 'restore', dto.reason ?? null);
  }
}
