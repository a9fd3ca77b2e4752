import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../access/decorators.js';
import {
  CreateSsoProviderDto,
  SsoProviderParams,
  SsoProviderView,
  UpdateSsoProviderDto,
} from './dto/sso-provider.dto.js';
import { SSO_PROVIDER } from './sso-provider.schema.js';
import { SsoProvidersService } from './sso-providers.service.js';

/** Admins configure the OpenID Connect providers members may sign in with; client secrets go in, never out. */
@ApiTags('settings')
@Authenticated({ permission: ['manage', SSO_PROVIDER] })
@Controller('settings/sso-providers')
export class SsoProvidersController {
  constructor(private readonly providers: SsoProvidersService) {}

  @Get()
  @ApiOkResponse({ type: [SsoProviderView] })
  list(): Promise<SsoProviderView[]> {
    return this.providers.list();
  }

  @Post()
  @ApiCreatedResponse({ type: SsoProviderView, description: '409 when the id is taken' })
  create(@Body() dto: CreateSsoProviderDto): Promise<SsoProviderView> {
    return this.providers.create(dto);
  }

  @Get(':id')
  @ApiOkResponse({ type: SsoProviderView })
  get(@Param() { id }: SsoProviderParams): Promise<SsoProviderView> {
    return this.providers.get(id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: SsoProviderView, description: 'a new issuer forgets the accounts linked to the old one' })
  update(@Param() { id }: SsoProviderParams, @Body() dto: UpdateSsoProviderDto): Promise<SsoProviderView> {
    return this.providers.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiNoContentResponse({ description: 'and the accounts linked through it are unlinked' })
  delete(@Param() { id }: SsoProviderParams): Promise<void> {
    return this.providers.delete(id);
  }
}
