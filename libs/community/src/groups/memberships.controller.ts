import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe, type Page } from '@plenary/core';
import { Authenticated, CurrentUser, type Principal } from '@plenary/identity';
import { EmailInvitationSent } from './dto/email-invitation.dto.js';
import { ChangeRoleDto, InviteDto, MemberListQuery, MembershipPage, MembershipView } from './dto/membership.dto.js';
import { GroupEmailInvitationsService } from './group-email-invitations.service.js';
import { MembershipsService } from './memberships.service.js';

interface StatusSetter {
  status(code: number): unknown;
}

@ApiTags('groups')
@Authenticated()
@Controller('groups/:id')
export class MembershipsController {
  constructor(
    private readonly memberships: MembershipsService,
    private readonly emailInvitations: GroupEmailInvitationsService,
  ) {}

  @Post('join')
  @ApiCreatedResponse({ type: MembershipView, description: 'status active (open group) or pending (by request)' })
  join(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<MembershipView> {
    return this.memberships.join(principal, id);
  }

  @Post('leave')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'also withdraws a request or declines an invitation' })
  async leave(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<void> {
    await this.memberships.leave(principal, id);
  }

  @Post('invitations')
  @ApiCreatedResponse({ type: MembershipView, description: 'a member invited by userId' })
  @ApiAcceptedResponse({
    type: EmailInvitationSent,
    description: 'an address invited by email: the same answer whether or not it has an account',
  })
  async invite(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Body() dto: InviteDto,
    @Res({ passthrough: true }) response: StatusSetter,
  ): Promise<MembershipView | EmailInvitationSent> {
    if (dto.userId !== undefined) return this.memberships.invite(principal, id, dto.userId.toLowerCase());
    const sent = await this.emailInvitations.invite(principal, id, dto.email as string);
    response.status(202);
    return sent;
  }

  @Get('invitations')
  @ApiOkResponse({ type: MembershipPage, description: 'the invitations awaiting an answer (owners and facilitators)' })
  invitations(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: MemberListQuery,
  ): Promise<Page<MembershipView>> {
    return this.memberships.invitations(principal, id, query);
  }

  @Delete('invitations/:userId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the invitation is withdrawn' })
  async revoke(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Param('userId', ObjectIdPipe) userId: string,
  ): Promise<void> {
    await this.memberships.revokeInvitation(principal, id, userId);
  }

  @Post('invitations/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: MembershipView })
  accept(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<MembershipView> {
    return this.memberships.acceptInvitation(principal, id);
  }

  @Post('invitations/decline')
  @HttpCode(204)
  @ApiNoContentResponse()
  async decline(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<void> {
    await this.memberships.declineInvitation(principal, id);
  }

  @Get('requests')
  @ApiOkResponse({ type: MembershipPage })
  requests(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: MemberListQuery,
  ): Promise<Page<MembershipView>> {
    return this.memberships.requests(principal, id, query);
  }

  @Post('requests/:userId/approve')
  @HttpCode(200)
  @ApiOkResponse({ type: MembershipView })
  approve(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Param('userId', ObjectIdPipe) userId: string,
  ): Promise<MembershipView> {
    return this.memberships.approve(principal, id, userId);
  }

  @Post('requests/:userId/reject')
  @HttpCode(204)
  @ApiNoContentResponse()
  async reject(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Param('userId', ObjectIdPipe) userId: string,
  ): Promise<void> {
    await this.memberships.reject(principal, id, userId);
  }

  @Get('members')
  @ApiOkResponse({ type: MembershipPage })
  members(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Query() query: MemberListQuery,
  ): Promise<Page<MembershipView>> {
    return this.memberships.list(principal, id, query);
  }

  @Patch('members/:userId')
  @ApiOkResponse({ type: MembershipView })
  changeRole(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Param('userId', ObjectIdPipe) userId: string,
    @Body() dto: ChangeRoleDto,
  ): Promise<MembershipView> {
    return this.memberships.changeRole(principal, id, userId, dto.role);
  }

  @Delete('members/:userId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(
    @CurrentUser() principal: Principal,
    @Param('id', ObjectIdPipe) id: string,
    @Param('userId', ObjectIdPipe) userId: string,
  ): Promise<void> {
    await this.memberships.remove(principal, id, userId);
  }
}
