import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, Caller, CurrentUser, type Principal } from '@plenary/identity';
import { CommentsService } from './comments.service.js';
import {
  ConsultationCommentListQuery,
  ConsultationCommentPage,
  ConsultationCommentParams,
  ConsultationCommentView,
  CreateConsultationCommentDto,
  ConsultationEndorsementsView,
  ModerateConsultationCommentDto,
  ConsultationSectionParams,
} from './dto/comment.dto.js';

const READ_ONLY = { description: 'the consultation has closed: it is read-only' };

@ApiTags('consultations')
@Authenticated()
@Controller('consultations/:id')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Get('sections/:sectionId/comments')
  @Authenticated({ optional: true })
  @ApiOkResponse({ type: ConsultationCommentPage, description: "a section's comments, oldest first" })
  list(
    @Caller() caller: Principal | null,
    @Param() { id, sectionId }: ConsultationSectionParams,
    @Query() query: ConsultationCommentListQuery,
  ): Promise<ConsultationCommentPage> {
    return this.comments.list(caller, id.toLowerCase(), sectionId.toLowerCase(), query);
  }

  @Post('sections/:sectionId/comments')
  @ApiCreatedResponse({ type: ConsultationCommentView })
  @ApiConflictResponse(READ_ONLY)
  comment(
    @CurrentUser() principal: Principal,
    @Param() { id, sectionId }: ConsultationSectionParams,
    @Body() dto: CreateConsultationCommentDto,
  ): Promise<ConsultationCommentView> {
    return this.comments.create(principal, id.toLowerCase(), sectionId.toLowerCase(), dto);
  }

  @Post('comments/:commentId/endorse')
  @HttpCode(200)
  @ApiOkResponse({ type: ConsultationEndorsementsView, description: 'idempotent: +1 once per member' })
  @ApiConflictResponse(READ_ONLY)
  endorse(
    @CurrentUser() principal: Principal,
    @Param() { id, commentId }: ConsultationCommentParams,
  ): Promise<ConsultationEndorsementsView> {
    return this.comments.endorse(principal, id.toLowerCase(), commentId.toLowerCase(), true);
  }

  @Delete('comments/:commentId/endorse')
  @HttpCode(200)
  @ApiOkResponse({ type: ConsultationEndorsementsView, description: 'idempotent' })
  @ApiConflictResponse(READ_ONLY)
  unendorse(
    @CurrentUser() principal: Principal,
    @Param() { id, commentId }: ConsultationCommentParams,
  ): Promise<ConsultationEndorsementsView> {
    return this.comments.endorse(principal, id.toLowerCase(), commentId.toLowerCase(), false);
  }

  @Post('comments/:commentId/hide')
  @HttpCode(200)
  @ApiOkResponse({
    type: ConsultationCommentView,
    description: 'moderators of its scope; audited (consultation_comment.hide)',
  })
  hide(
    @CurrentUser() principal: Principal,
    @Param() { id, commentId }: ConsultationCommentParams,
    @Body() dto: ModerateConsultationCommentDto,
  ): Promise<ConsultationCommentView> {
    return this.comments.moderate(principal, id.toLowerCase(), commentId.toLowerCase(), 'hide', dto.reason);
  }

  @Post('comments/:commentId/restore')
  @HttpCode(200)
  @ApiOkResponse({
    type: ConsultationCommentView,
    description: 'moderators of its scope; audited (consultation_comment.restore)',
  })
  restore(
    @CurrentUser() principal: Principal,
    @Param() { id, commentId }: ConsultationCommentParams,
    @Body() dto: ModerateConsultationCommentDto,
  ): Promise<ConsultationCommentView> {
    return this.comments.moderate(principal, id.toLowerCase(), commentId.toLowerCase(), 'restore', dto.reason);
  }
}
