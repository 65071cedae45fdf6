import { Injectable } from '@nestjs/common';
import { type AccountActor, Clock, cursorAfter, idCursor, type Page, toPage } from '@prodvor/platform';
import {
  NOTIFICATION_KINDS,
  NotificationDto,
  NotificationPreferenceResponseDto,
  type ListNotificationsQueryDto,
  type NotificationPreferencesDto,
  type SaveNotificationPreferencesDto,
} from './dto/notification.dto';
import { NotificationErrors } from './notification.errors';
import { channelsFor } from './notification-preferences';
import { NotificationsRepository } from './notifications.repository';

/** The caller's own inbox and preferences; nobody reads or marks another user's notifications. */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly notifications: NotificationsRepository,
    private readonly clock: Clock,
  ) {}

  async list(actor: AccountActor, query: ListNotificationsQueryDto): Promise<Page<NotificationDto>> {
    const before = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.notifications.list(actor.userId, query.limit + 1, before, query.unread === true);
    return toPage(rows, query.limit, (row) => ({ id: row.id }), NotificationDto.from);
  }

  async markRead(actor: AccountActor, id: string): Promise<NotificationDto> {
    const row = await this.notifications.markRead(actor.userId, id, this.clock.now());
    if (!row) throw NotificationErrors.notFound();
    return NotificationDto.from(row);
  }

  async markAllRead(actor: AccountActor): Promise<{ marked: number }> {
    return { marked: await this.notifications.markAllRead(actor.userId, this.clock.now()) };
  }

  async unreadCount(actor: AccountActor): Promise<{ unread: number }> {
    return { unread: await this.notifications.unreadCount(actor.userId) };
  }

  /** Every kind, with the defaults (in-app and push on, e-mail off) where the user chose nothing. */
  async preferences(actor: AccountActor): Promise<NotificationPreferencesDto> {
    const saved = new Map((await this.notifications.preferences(actor.userId)).map((p) => [p.kind, p]));
    return {
      preferences: NOTIFICATION_KINDS.map((kind) =>
        NotificationPreferenceResponseDto.from({ kind, ...channelsFor(saved.get(kind)) }),
      ),
    };
  }

  /** A kind listed twice takes its last entry; `push` omitted keeps what applied before. */
  async savePreferences(actor: AccountActor, dto: SaveNotificationPreferencesDto): Promise<NotificationPreferencesDto> {
    const saved = new Map((await this.notifications.preferences(actor.userId)).map((p) => [p.kind, p]));
    const entries = new Map(
      dto.preferences.map((p) => [
        p.kind,
        { kind: p.kind, inApp: p.inApp, email: p.email, push: p.push ?? channelsFor(saved.get(p.kind)).push },
      ]),
    );
    await this.notifications.savePreferences(actor.userId, [...entries.values()], this.clock.now());
    return this.preferences(actor);
  }
}
