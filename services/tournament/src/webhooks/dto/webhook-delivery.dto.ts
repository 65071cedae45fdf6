import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { IsIn, IsOptional } from 'class-validator';

export const deliveryStatuses = ['pending', 'retrying', 'succeeded', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export class ListDeliveriesQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ enum: deliveryStatuses })
  @IsOptional()
  @IsIn(deliveryStatuses)
  status?: DeliveryStatus;
}

export class DeliveryAttemptDto {
  @ApiProperty() attempt!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ description: "The subscriber's HTTP status; absent when no answer came" })
  statusCode?: number;
  @ApiProperty() latencyMs!: number;
  @ApiPropertyOptional({ description: 'Why the attempt failed (timeout, refused address, HTTP status …)' })
  error?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'When the next attempt is due, if one is' })
  nextAttemptAt?: string;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid', description: 'Sent as webhook-id (the same on every attempt)' }) id!: string;
  @ApiProperty({ format: 'uuid' }) subscriptionId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty() eventType!: string;
  @ApiProperty({ enum: deliveryStatuses }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional() lastStatusCode?: number;
  @ApiPropertyOptional() lastError?: string;
  @ApiPropertyOptional({ format: 'date-time' }) nextAttemptAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) deliveredAt?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class DeliveryWithLogDto extends DeliveryDto {
  @ApiProperty({ description: 'The signed body, byte for byte' }) body!: string;
  @ApiProperty({ type: [DeliveryAttemptDto] }) log!: DeliveryAttemptDto[];
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items!: DeliveryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
