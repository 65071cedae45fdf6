import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { webhookEventTypes, type WebhookEventType } from '@prodvor/contracts';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
} from 'class-validator';

export const WEBHOOK_URL_MAX_LENGTH = 2048;

export class CreateWebhookDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Subscribe to this tournament (its organizer only)' })
  @IsOptional()
  @IsUUID()
  tournamentId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Subscribe to this team's events (its captain only)" })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiProperty({ maxLength: WEBHOOK_URL_MAX_LENGTH, example: 'https://example.org/hooks/prodvor' })
  @IsString()
  @MaxLength(WEBHOOK_URL_MAX_LENGTH)
  url!: string;

  @ApiProperty({ enum: webhookEventTypes, isArray: true, minItems: 1, maxItems: webhookEventTypes.length })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(webhookEventTypes.length)
  @ArrayUnique()
  @IsIn(webhookEventTypes, { each: true })
  eventTypes!: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  description?: string;
}

export class ListWebhooksQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  tournamentId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  teamId?: string;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ format: 'uuid' }) tournamentId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) teamId?: string;
  @ApiProperty() url!: string;
  @ApiProperty({ enum: webhookEventTypes, isArray: true }) eventTypes!: string[];
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ enum: ['active', 'paused'] }) status!: string;
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'Until then deliveries also carry a signature with the secret before the last rotation',
  })
  previousSecretExpiresAt?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class WebhookWithSecretDto extends WebhookDto {
  @ApiProperty({
    description: 'Standard Webhooks signing secret (whsec_<base64>): shown only now, store it',
    example: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  })
  secret!: string;
}

export class WebhookPageDto {
  @ApiProperty({ type: [WebhookDto] }) items!: WebhookDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
