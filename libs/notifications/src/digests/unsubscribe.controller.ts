import { Body, Controller, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '@plenary/identity';
import { UnsubscribeDto, UnsubscribeQuery, UnsubscribeResult } from './dto/unsubscribe.dto.js';
import { Unsubscriptions } from './unsubscriptions.js';

@ApiTags('notifications')
@Public()
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscriptions: Unsubscriptions) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({
    type: UnsubscribeResult,
    description: "turns the digest off; the token comes from the digest's links (query or body); 400 naming token",
  })
  unsubscribe(@Query() query: UnsubscribeQuery, @Body() dto: UnsubscribeDto): Promise<UnsubscribeResult> {
    return this.unsubscriptions.unsubscribe(query.token ?? dto.token);
  }
}
