import { Module } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import type { TournamentConfig } from '../config/tournament.config';
import { MatchesModule } from '../matches/matches.module';
import { WebhookDeliveriesConsumer } from './webhook-deliveries.consumer';
import { WebhookDeliveriesController } from './webhook-deliveries.controller';
import { WebhookDeliveriesRepository } from './webhook-deliveries.repository';
import { WebhookDeliveriesService } from './webhook-deliveries.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEventsConsumer } from './webhook-events.consumer';
import { WebhookFanoutService } from './webhook-fanout.service';
import { WebhookJobsPublisher } from './webhook-jobs.publisher';
import { WebhookLogPruner } from './webhook-log-pruner';
import { WebhookOwnerAccess } from './webhook-owner-access';
import { WebhookRateLimiter } from './webhook-rate-limiter';
import { WebhookSecretBox } from './webhook-secret-box';
import { WebhookSender } from './webhook-sender';
import { WebhookSigner } from './webhook-signer';
import { WebhookSubscriptionsRepository } from './webhook-subscriptions.repository';
import { WebhookSubscriptionsService } from './webhook-subscriptions.service';
import { WebhookTargetPolicy } from './webhook-target-policy';
import { WebhooksController } from './webhooks.controller';

/** Webhooks: subscriptions, fan-out of domain events, signed delivery with retries, the delivery log. */
@Module({
  imports: [MatchesModule],
  controllers: [WebhooksController, WebhookDeliveriesController],
  providers: [
    {
      provide: WebhookTargetPolicy,
      inject: [AppConfig],
      useFactory: (config: AppConfig<TournamentConfig>) => new WebhookTargetPolicy(config),
    },
    {
      provide: WebhookSecretBox,
      inject: [AppConfig],
      useFactory: (config: AppConfig<TournamentConfig>) => new WebhookSecretBox(config),
    },
    WebhookSubscriptionsRepository,
    WebhookDeliveriesRepository,
    WebhookOwnerAccess,
    WebhookSigner,
    WebhookSender,
    WebhookRateLimiter,
    WebhookSubscriptionsService,
    WebhookDeliveriesService,
    WebhookDeliveryService,
    WebhookFanoutService,
    WebhookJobsPublisher,
    WebhookEventsConsumer,
    WebhookDeliveriesConsumer,
    WebhookLogPruner,
  ],
})
export class WebhooksModule {}
