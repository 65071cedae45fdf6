import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, IdempotencyKey, type Page, RateLimit } from '@prodvor/platform';
import type { FastifyReply } from 'fastify';
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
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'Retries with the same key create one webhook (200 with it and its secret)',
  })
  @ApiCreatedResponse({ type: WebhookWithSecretDto, description: 'The signing secret is in this answer only' })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateWebhookDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookWithSecretDto> {
    const { webhook, created } = await this.webhooks.create(actor, dto, idempotencyKey);
    void reply.status(created ? 201 : 200);
    return webhook;
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
