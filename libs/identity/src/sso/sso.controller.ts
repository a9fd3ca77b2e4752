import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '../access/decorators.js';
import { AuthResponse } from '../auth/dto/auth.dto.js';
import { SsoProviderOption } from './dto/sso-provider.dto.js';
import { SsoExchangeDto, SsoLinkDto, SsoProviderPath, SsoStartQuery } from './dto/sso.dto.js';
import { SsoProvidersService } from './sso-providers.service.js';
import { SsoSignInService } from './sso-sign-in.service.js';

/**
 * Signing in through an OpenID Connect provider. `start` and `callback` are where the browser
 * goes, not API calls: they answer with redirects (302), so they are left out of the API document.
 * `GET …/:provider/start?returnTo=/path` → the provider; the provider → `…/:provider/callback` →
 * the web client's `/sso/callback` with `?code=` (and `returnTo`), `?status=link_sent` or `?error=`.
 */
@ApiTags('auth')
@Public()
@Controller('auth/sso')
export class SsoController {
  constructor(
    private readonly providers: SsoProvidersService,
    private readonly signIn: SsoSignInService,
  ) {}

  @Get('providers')
  @ApiOkResponse({ type: [SsoProviderOption], description: 'the sign-in buttons: enabled providers' })
  list(): Promise<SsoProviderOption[]> {
    return this.providers.listEnabled();
  }

  @Get(':provider/start')
  @ApiExcludeEndpoint()
  async start(
    @Param() { provider }: SsoProviderPath,
    @Query() { returnTo }: SsoStartQuery,
    @Res() response: Response,
  ): Promise<void> {
    response.redirect(HttpStatus.FOUND, await this.signIn.start(provider, returnTo));
  }

  /** The provider's answer is read whole (it may carry parameters of its own, such as session_state); openid-client checks it. */
  @Get(':provider/callback')
  @ApiExcludeEndpoint()
  async callback(
    @Param() { provider }: SsoProviderPath,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    const answer = new URL(request.originalUrl, 'http://callback').searchParams;
    response.redirect(HttpStatus.FOUND, await this.signIn.callback(provider, answer));
  }

  @Post('exchange')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: AuthResponse, description: 'once per code, within 60 s; then 400 naming code' })
  exchange(@Body() { code }: SsoExchangeDto): Promise<AuthResponse> {
    return this.signIn.exchange(code);
  }

  @Post('link')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({
    type: AuthResponse,
    description: 'links the identity of the mailed link (once, within 30 min) and signs in',
  })
  link(@Body() { token }: SsoLinkDto): Promise<AuthResponse> {
    return this.signIn.link(token);
  }
}
