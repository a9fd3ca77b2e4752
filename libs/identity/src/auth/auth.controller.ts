import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { AllowUnverified, Authenticated, CurrentUser, Public } from '../access/decorators.js';
import { Limited } from '../limits/request-limits.js';
import type { UserRecord } from '../users/user.schema.js';
import { AuthService } from './auth.service.js';
import { AuthResponse, LoginDto, LogoutDto, RefreshDto, RegisterDto } from './dto/auth.dto.js';
import { LocalAuthGuard } from './local-auth.guard.js';
import type { Principal } from './principal.js';

@ApiTags('auth')
@AllowUnverified()
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Limited('register')
  @Post('register')
  @ApiCreatedResponse({ type: AuthResponse })
  register(@Body() dto: RegisterDto): Promise<AuthResponse> {
    return this.auth.register(dto);
  }

  @Public()
  @UseGuards(LocalAuthGuard)
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: AuthResponse })
  @ApiTooManyRequestsResponse({ description: 'too many failed attempts; see Retry-After' })
  login(@Req() request: Request & { user: UserRecord }): Promise<AuthResponse> {
    return this.auth.login(request.user);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AuthResponse })
  refresh(@Body() dto: RefreshDto): Promise<AuthResponse> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Authenticated()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  logout(@CurrentUser() principal: Principal, @Body() dto: LogoutDto): Promise<void> {
    return this.auth.logout(principal, dto);
  }
}
