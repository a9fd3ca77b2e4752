import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { AllowUnverified, Public } from '../access/decorators.js';
import { Limited } from '../limits/request-limits.js';
import { PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/verification.dto.js';
import { PasswordResetService } from './password-reset.service.js';

@ApiTags('auth')
@Public()
@AllowUnverified()
@Controller('auth/password-reset')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  @Post()
  @Limited('passwordReset')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiAcceptedResponse({ description: 'the same answer whether or not an account has the address' })
  @ApiTooManyRequestsResponse({ description: 'too many requests from this address; see Retry-After' })
  request(@Body() dto: PasswordResetRequestDto): Promise<void> {
    return this.resets.request(dto.email);
  }

  @Post('confirm')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'the password is set and every sign-in of the account ended: sign in again' })
  confirm(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    return this.resets.confirm(dto.token, dto.password);
  }
}
