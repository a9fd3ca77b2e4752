import { Controller, Delete, Get, HttpCode, Param, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe, type Page, PageQuery } from '@plenary/core';
import { Authenticated, CurrentUser, type Principal } from '@plenary/identity';
import { EmailInvitationPage, type EmailInvitationView } from './dto/email-invitation.dto.js';
import { GroupEmailInvitationsService } from './group-email-invitations.service.js';

/** A group's invitations by email, for its owners and facilitators (sent with POST /groups/:id/invitations). */
@ApiTags('groups')
@Authenticated()
@Controller('groups/:id/invitations/email')
export class GroupEmailInvitationsController {
  constructor(private readonly emailInvitations: GroupEmailInvitationsService) {}

  @Get()
  @ApiOkResponse({ type: EmailInvitationPage, description: 'the open ones, soonest to expire first' })
  list(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<EmailInvitationView>> {
    return this.emailInvitations.listOpen(principal, id, query);
  }

  @Delete(':invitationId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the invitation is withdrawn: its link no longer works' })
  async withdraw(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Param('invitationId', ObjectIdPipe) invitationId: string,
  ): Promise<void> {
    await this.emailInvitations.withdraw(principal, id, invitationId);
  }
}
