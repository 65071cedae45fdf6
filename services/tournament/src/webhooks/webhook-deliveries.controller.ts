import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, type Page, RateLimit } from '@prodvor/platform';
import { DeliveryDto, DeliveryPageDto, DeliveryWithLogDto, ListDeliveriesQueryDto } from './dto/webhook-delivery.dto';
import { WebhookDeliveriesService } from './webhook-deliveries.service';

@ApiTags('webhooks')
@Authenticated()
@Controller('api/v1/webhooks/:id/deliveries')
export class WebhookDeliveriesController {
  constructor(private readonly deliveries: WebhookDeliveriesService) {}

  @Get()
  @ApiOkResponse({ type: DeliveryPageDto, description: 'Newest first' })
  list(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<Page<DeliveryDto>> {
    return this.deliveries.list(actor, id, query);
  }

  @Get(':deliveryId')
  @ApiOkResponse({ type: DeliveryWithLogDto, description: 'The delivery with its log (one line per attempt)' })
  get(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
  ): Promise<DeliveryWithLogDto> {
    return this.deliveries.get(actor, id, deliveryId);
  }

  @RateLimit({ limit: 60, ttlSeconds: 3600 })
  @Post(':deliveryId/replay')
  @HttpCode(202)
  @ApiOkResponse({ type: DeliveryDto, description: 'Queued again (same webhook-id and body)' })
  replay(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('deliveryId', ParseUUIDPipe) deliveryId: string,
  ): Promise<DeliveryDto> {
    return this.deliveries.replay(actor, id, deliveryId);
  }
}
