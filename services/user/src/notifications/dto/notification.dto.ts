import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { notificationKind } from '@prodvor/contracts';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, ValidateNested } from 'class-validator';
import type { Notification, NotificationPreference } from '../notification.model';

export const NOTIFICATION_KINDS = notificationKind.options;

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) data!: Record<string, string>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) readAt!: string | null;

  static from(row: Notification): NotificationDto {
    return {
      id: row.id,
      kind: row.kind,
      title: row.title,
      body: row.body,
      data: row.data as Record<string, string>,
      createdAt: row.createdAt.toISOString(),
      readAt: row.readAt?.toISOString() ?? null,
    };
  }
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items!: NotificationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class ListNotificationsQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ type: Boolean })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unread?: boolean;
}

export class UnreadCountDto {
  @ApiProperty() unread!: number;
}

export class ReadAllDto {
  @ApiProperty({ description: 'Notifications marked read by this call' }) marked!: number;
}

/** One kind's channels as the user asks for them (PUT). */
export class NotificationPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS)
  kind!: string;

  @ApiProperty({ description: 'Counted as unread in the inbox and shown live in the app (always stored)' })
  @IsBoolean()
  inApp!: boolean;

  @ApiProperty({ description: 'Also sent by e-mail (to a verified address) when the service has SMTP configured' })
  @IsBoolean()
  email!: boolean;

  @ApiPropertyOptional({
    description: "Also pushed to the user's browsers (Web Push) and mobile devices (FCM); unchanged when omitted",
  })
  @IsOptional()
  @IsBoolean()
  push?: boolean;
}

/** One kind's channels as they apply (saved, or the defaults). */
export class NotificationPreferenceResponseDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind!: string;
  @ApiProperty() inApp!: boolean;
  @ApiProperty() email!: boolean;
  @ApiProperty() push!: boolean;

  static from(
    row: Pick<NotificationPreference, 'kind' | 'inApp' | 'email' | 'push'>,
  ): NotificationPreferenceResponseDto {
    return { kind: row.kind, inApp: row.inApp, email: row.email, push: row.push };
  }
}

export class SaveNotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceDto], maxItems: NOTIFICATION_KINDS.length })
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationPreferenceDto)
  preferences!: NotificationPreferenceDto[];
}

export class NotificationPreferencesDto {
  @ApiProperty({ type: [NotificationPreferenceResponseDto] })
  preferences!: NotificationPreferenceResponseDto[];
}
