import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AllowUnverified, Authenticated, CurrentUser, Public } from '../access/decorators.js';
import type { Principal } from '../auth/principal.js';
import { MailedTokenDto, VerifiedEmailView } from './dto/verification.dto.js';
import { EmailVerificationService } from './email-verification.service.js';

@ApiTags('auth')
@AllowUnverified()
@Controller('auth/verify-email')
export class EmailVerificationController {
  constructor(private readonly verification: EmailVerificationService) {}

  @Public()
  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: VerifiedEmailView, description: 'the address is verified (an address change takes effect)' })
  verify(@Body() dto: MailedTokenDto): Promise<VerifiedEmailView> {
    return this.verification.verify(dto.token);
  }

  @Authenticated()
  @Post('resend')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'a new link is on its way (nothing is sent when the address is verified)' })
  @ApiTooManyRequestsResponse({ description: 'one a minute, five a day; see Retry-After' })
  resend(@CurrentUser() principal: Principal): Promise<void> {
    return this.verification.resend(principal);
  }
}
