import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, type Page, RateLimit } from '@prodvor/platform';
import {
  CreateWebhookDto,
  ListWebhooksQueryDto,
  WebhookDto,
  WebhookPageDto,
  WebhookWithSecretDto,
} from './dto/webhook-subscription.dto';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';

@ApiTags('webhooks')
@Authenticated()
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhookSubscriptionsService) {}

  @RateLimit({ limit: 30, ttlSeconds: 3600 })
  @Post()
  @ApiCreatedResponse({ type: WebhookWithSecretDto, description: 'The signing secret is in this answer only' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateWebhookDto): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: WebhookPageDto, description: 'The webhooks of one tournament or one team' })
  list(@CurrentActor() actor: Actor, @Query() query: ListWebhooksQueryDto): Promise<Page<WebhookDto>> {
    return this.webhooks.list(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: WebhookDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookDto> {
    return this.webhooks.get(actor, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookDto, description: 'No new deliveries until resumed' })
  pause(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookDto> {
    return this.webhooks.setStatus(actor, id, 'paused');
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOkResponse({ type: WebhookDto })
  resume(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookDto> {
    return this.webhooks.setStatus(actor, id, 'active');
  }

  @RateLimit({ limit: 10, ttlSeconds: 3600 })
  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOkResponse({
    type: WebhookWithSecretDto,
    description: 'A new secret (shown once); deliveries carry signatures with both until previousSecretExpiresAt',
  })
  rotate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotate(actor, id);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.webhooks.delete(actor, id);
  }
}
