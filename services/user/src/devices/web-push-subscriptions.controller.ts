import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AccountActor, Authenticated, CurrentAccountActor } from '@prodvor/platform';
import {
  CreateWebPushSubscriptionDto,
  VapidPublicKeyDto,
  WebPushSubscriptionDto,
} from './dto/web-push-subscription.dto';
import { VapidKeys } from './vapid-keys';
import { WebPushSubscriptionsService } from './web-push-subscriptions.service';

@ApiTags('devices')
@Authenticated()
@Controller('api/v1/devices/web-push')
export class WebPushSubscriptionsController {
  constructor(
    private readonly subscriptions: WebPushSubscriptionsService,
    private readonly vapid: VapidKeys,
  ) {}

  @Get('vapid-public-key')
  @ApiOkResponse({ type: VapidPublicKeyDto })
  publicKey(): VapidPublicKeyDto {
    return { publicKey: this.vapid.publicKey };
  }

  @Post('subscriptions')
  @ApiCreatedResponse({ type: WebPushSubscriptionDto })
  subscribe(
    @CurrentAccountActor() actor: AccountActor,
    @Body() dto: CreateWebPushSubscriptionDto,
  ): Promise<WebPushSubscriptionDto> {
    return this.subscriptions.subscribe(actor, dto);
  }

  @Get('subscriptions')
  @ApiOkResponse({ type: [WebPushSubscriptionDto] })
  list(@CurrentAccountActor() actor: AccountActor): Promise<WebPushSubscriptionDto[]> {
    return this.subscriptions.list(actor);
  }

  @Delete('subscriptions/:subscriptionId')
  @HttpCode(204)
  @ApiNoContentResponse()
  remove(
    @CurrentAccountActor() actor: AccountActor,
    @Param('subscriptionId', ParseUUIDPipe) subscriptionId: string,
  ): Promise<void> {
    return this.subscriptions.remove(actor, subscriptionId);
  }
}
