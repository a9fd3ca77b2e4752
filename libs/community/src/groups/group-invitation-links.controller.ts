import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowUnverified, Authenticated, CurrentUser, type Principal, Public } from '@plenary/identity';
import { InvitationTokenParam } from './dto/email-invitation.dto.js';
import { GroupInvitationDescription } from './dto/group-email-invitation.dto.js';
import { MembershipView } from './dto/membership.dto.js';
import { GroupEmailInvitationsService } from './group-email-invitations.service.js';

/** The link mailed with an invitation to a group: whoever holds it may read it; the invited address accepts it. */
@ApiTags('groups')
@Controller('group-invitations/:token')
export class GroupInvitationLinksController {
  constructor(private readonly emailInvitations: GroupEmailInvitationsService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: GroupInvitationDescription })
  describe(@Param() { token }: InvitationTokenParam): Promise<GroupInvitationDescription> {
    return this.emailInvitations.describe(token);
  }

  @Post('accept')
  @Authenticated()
  @AllowUnverified()
  @HttpCode(200)
  @ApiOkResponse({
    type: MembershipView,
    description:
      "the caller's membership: 403 unless their account has the invited address, 409 once it is no longer open",
  })
  accept(@CurrentUser() principal: Principal, @Param() { token }: InvitationTokenParam): Promise<MembershipView> {
    return this.emailInvitations.accept(principal, token);
  }
}
