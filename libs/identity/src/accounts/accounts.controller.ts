import { Controller, Delete, Get, Header, HttpCode } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AllowUnverified, Authenticated, CurrentUser } from '../access/decorators.js';
import type { Principal } from '../auth/principal.js';
import { AccountsService } from './accounts.service.js';

/** The account holder's data rights. The paths sit with the profile's (`/members/me`), where members look for them. */
@ApiTags('members')
@Authenticated()
@Controller('members/me')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Get('export')
  @Header('Content-Disposition', 'attachment; filename="plenary-export.json"')
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ description: 'everything Plenary holds about the caller, by context' })
  export(@CurrentUser() principal: Principal): Promise<Record<string, unknown>> {
    return this.accounts.exportData(principal);
  }

  @Delete()
  @AllowUnverified()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'the account, its credentials and profile are gone' })
  async delete(@CurrentUser() principal: Principal): Promise<void> {
    await this.accounts.deleteAccount(principal);
  }
}
