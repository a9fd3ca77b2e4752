import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AllowUnverified, Authenticated, CurrentUser } from '../access/decorators.js';
import type { Principal } from '../auth/principal.js';
import { EmailChangeDto } from './dto/verification.dto.js';
import { EmailChangeService } from './email-change.service.js';

@ApiTags('users')
@Authenticated()
@AllowUnverified()
@Controller('me/email')
export class EmailChangeController {
  constructor(private readonly emailChanges: EmailChangeService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({
    description: 'a link to confirm goes to the new address (or, if another account has it, a mail saying so)',
  })
  @ApiTooManyRequestsResponse({ description: 'one a minute, five a day; see Retry-After' })
  request(@CurrentUser() principal: Principal, @Body() dto: EmailChangeDto): Promise<void> {
    return this.emailChanges.request(principal, dto);
  }
}
