import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { EmailInvitationPage, type EmailInvitationView, InvitationTokenParam } from '@plenary/community';
import { ObjectIdPipe, type Page, PageQuery } from '@plenary/core';
import { AllowUnverified, Authenticated, CurrentUser, type Principal, Public } from '@plenary/identity';
import { RegistrationView } from '../shared/live-fields.dto.js';
import {
  AcceptEventInvitationDto,
  EventInvitationDescription,
  EventInvitationsSent,
  InviteToEventDto,
} from './dto/event-email-invitation.dto.js';
import { EventEmailInvitationsService } from './event-email-invitations.service.js';

/** Invitations to an event by email: sent, listed and withdrawn by its hosts; read and accepted through the mailed link. */
@ApiTags('live')
@Authenticated()
@Controller('live')
export class EventInvitationsController {
  constructor(private readonly invitations: EventEmailInvitationsService) {}

  @Post('events/:id/invitations')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: EventInvitationsSent })
  invite(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: InviteToEventDto,
  ): Promise<EventInvitationsSent> {
    return this.invitations.invite(principal, id, dto.emails);
  }

  @Get('events/:id/invitations/email')
  @ApiOkResponse({ type: EmailInvitationPage, description: 'the open ones, soonest to expire first' })
  list(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<EmailInvitationView>> {
    return this.invitations.listOpen(principal, id, query);
  }

  @Delete('events/:id/invitations/email/:invitationId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the invitation is withdrawn: its link no longer works' })
  async withdraw(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Param('invitationId', ObjectIdPipe) invitationId: string,
  ): Promise<void> {
    await this.invitations.withdraw(principal, id, invitationId);
  }

  @Get('event-invitations/:token')
  @Public()
  @ApiOkResponse({ type: EventInvitationDescription })
  describe(@Param() { token }: InvitationTokenParam): Promise<EventInvitationDescription> {
    return this.invitations.describe(token);
  }

  @Post('event-invitations/:token/accept')
  @AllowUnverified()
  @HttpCode(200)
  @ApiOkResponse({
    type: RegistrationView,
    description:
      "the caller's registration: 403 unless their account has the invited address, 409 once it is no longer open",
  })
  accept(
    @CurrentUser() principal: Principal,
    @Param() { token }: InvitationTokenParam,
    @Body() dto: AcceptEventInvitationDto,
  ): Promise<RegistrationView> {
    return this.invitations.accept(principal, token, dto.mode);
  }
}
