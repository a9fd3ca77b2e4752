import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentUser, Public, type Principal } from '@plenary/identity';
import { REVIEW_SETTINGS } from '../model/library-kinds.js';
import { ReviewSettingsDto, ReviewSettingsView } from './dto/review-settings.dto.js';
import { ReviewSettingsService } from './review-settings.service.js';

@ApiTags('library')
@Controller('settings/review-rubric')
export class ReviewSettingsController {
  constructor(private readonly settings: ReviewSettingsService) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: ReviewSettingsView })
  get(): Promise<ReviewSettingsView> {
    return this.settings.get();
  }

  @Put()
  @Authenticated({ permission: ['update', REVIEW_SETTINGS] })
  @ApiOkResponse({ type: ReviewSettingsView })
  put(@CurrentUser() principal: Principal, @Body() dto: ReviewSettingsDto): Promise<ReviewSettingsView> {
    return this.settings.put(principal, dto);
  }
}
