import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AccountActor, Authenticated, CurrentAccountActor, type Page } from '@prodvor/platform';
import {
  ListNotificationsQueryDto,
  NotificationDto,
  NotificationPageDto,
  NotificationPreferencesDto,
  ReadAllDto,
  SaveNotificationPreferencesDto,
  UnreadCountDto,
} from './dto/notification.dto';
import { NotificationsService } from './notifications.service';

@ApiTags('notifications')
@Authenticated()
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOkResponse({ type: NotificationPageDto })
  list(
    @CurrentAccountActor() actor: AccountActor,
    @Query() query: ListNotificationsQueryDto,
  ): Promise<Page<NotificationDto>> {
    return this.notifications.list(actor, query);
  }

  @Get('unread-count')
  @ApiOkResponse({ type: UnreadCountDto })
  unreadCount(@CurrentAccountActor() actor: AccountActor): Promise<UnreadCountDto> {
    return this.notifications.unreadCount(actor);
  }

  @Post('read-all')
  @HttpCode(200)
  @ApiOkResponse({ type: ReadAllDto })
  readAll(@CurrentAccountActor() actor: AccountActor): Promise<ReadAllDto> {
    return this.notifications.markAllRead(actor);
  }

  @Get('preferences')
  @ApiOkResponse({ type: NotificationPreferencesDto })
  preferences(@CurrentAccountActor() actor: AccountActor): Promise<NotificationPreferencesDto> {
    return this.notifications.preferences(actor);
  }

  @Put('preferences')
  @ApiOkResponse({ type: NotificationPreferencesDto })
  savePreferences(
    @CurrentAccountActor() actor: AccountActor,
    @Body() dto: SaveNotificationPreferencesDto,
  ): Promise<NotificationPreferencesDto> {
    return this.notifications.savePreferences(actor, dto);
  }

  @Post(':notificationId/read')
  @HttpCode(200)
  @ApiOkResponse({ type: NotificationDto })
  read(
    @CurrentAccountActor() actor: AccountActor,
    @Param('notificationId', ParseUUIDPipe) notificationId: string,
  ): Promise<NotificationDto> {
    return this.notifications.markRead(actor, notificationId);
  }
}
