import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ObjectIdPipe } from '@plenary/core';
import { Authenticated, CurrentUser, type Principal } from '@plenary/identity';
import { NotificationListQuery, NotificationPage, NotificationView, ReadAllResult } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

@ApiTags('notifications')
@Authenticated()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPage })
  list(@CurrentUser() principal: Principal, @Query() query: NotificationListQuery): Promise<NotificationPage> {
    return this.notifications.list(principal, query);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllResult })
  readAll(@CurrentUser() principal: Principal): Promise<ReadAllResult> {
    return this.notifications.readAll(principal);
  }

  @Post(':id/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationView, description: "404 when it is not the caller's" })
  read(@CurrentUser() principal: Principal, @Param('id', ObjectIdPipe) id: string): Promise<NotificationView> {
    return this.notifications.read(principal, id);
  }
}
