import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, type Principal } from '@plenary/identity';
import { PreferencesView, UpdatePreferencesDto } from './dto/preferences.dto.js';
import { PreferencesService } from './preferences.service.js';

@ApiTags('notifications')
@Authenticated()
@Controller('notifications/preferences')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get()
  @ApiOkResponse({ type: PreferencesView })
  get(@CurrentUser() principal: Principal): Promise<PreferencesView> {
    return this.preferences.get(principal.id);
  }

  @Put()
  @ApiOkResponse({ type: PreferencesView, description: 'kinds left out keep their setting' })
  update(@CurrentUser() principal: Principal, @Body() dto: UpdatePreferencesDto): Promise<PreferencesView> {
    return this.preferences.update(principal.id, dto);
  }
}
