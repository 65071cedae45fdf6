import { Injectable } from '@nestjs/common';
import { type AccountActor, AppConfig, Clock, DomainError, IdGenerator } from '@prodvor/platform';
import type { UserConfig } from '../config/user.config';
import { type CreateWebPushSubscriptionDto, WebPushSubscriptionDto } from './dto/web-push-subscription.dto';
import { WebPushSubscriptionsRepository } from './web-push-subscriptions.repository';

export const WebPushErrorCode = {
  NOT_FOUND: 'WEB_PUSH_SUBSCRIPTION_NOT_FOUND',
  ENDPOINT_IN_USE: 'WEB_PUSH_ENDPOINT_IN_USE',
  LIMIT_REACHED: 'WEB_PUSH_SUBSCRIPTION_LIMIT',
  INSECURE_ENDPOINT: 'WEB_PUSH_ENDPOINT_NOT_HTTPS',
  UNKNOWN_PUSH_SERVICE: 'WEB_PUSH_ENDPOINT_NOT_ALLOWED',
} as const;

/**
 * Browsers' Web Push subscriptions. Like device tokens, an endpoint belongs to whoever stored it first until
 * they remove it (409 otherwise), a user sees and removes only their own, and a user holds a bounded number.
 */
@Injectable()
export class WebPushSubscriptionsService {
  private readonly allowHttp: boolean;
  private readonly limit: number;
  private readonly hosts: string[];

  constructor(
    private readonly subscriptions: WebPushSubscriptionsRepository,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    config: AppConfig<UserConfig>,
  ) {
    this.allowHttp = config.get('WEB_PUSH_ALLOW_HTTP_ENDPOINTS') === 'true' && config.get('NODE_ENV') !== 'production';
    this.limit = config.get('WEB_PUSH_MAX_SUBSCRIPTIONS_PER_USER');
    this.hosts = config.get('WEB_PUSH_ENDPOINT_HOSTS').map((host) => host.toLowerCase());
  }

  async subscribe(actor: AccountActor, dto: CreateWebPushSubscriptionDto): Promise<WebPushSubscriptionDto> {
    const endpoint = new URL(dto.endpoint);
    if (endpoint.protocol !== 'https:' && !(this.allowHttp && endpoint.protocol === 'http:'))
      throw new DomainError(WebPushErrorCode.INSECURE_ENDPOINT, 400, 'A push endpoint must be an https URL', [
        { field: 'endpoint', message: 'endpoint must be an https URL' },
      ]);
    if (endpoint.username || endpoint.password)
      throw new DomainError(WebPushErrorCode.INSECURE_ENDPOINT, 400, 'A push endpoint carries no credentials', [
        { field: 'endpoint', message: 'endpoint must not carry credentials' },
      ]);
    const host = endpoint.hostname.toLowerCase();
    if (!this.hosts.some((allowed) => host === allowed || host.endsWith(`.${allowed}`)))
      throw new DomainError(WebPushErrorCode.UNKNOWN_PUSH_SERVICE, 400, 'The endpoint is not a known push service', [
        { field: 'endpoint', message: `endpoint must be on a push service (${this.hosts.join(', ')})` },
      ]);
    const outcome = await this.subscriptions.subscribe(
      {
        id: this.ids.id(),
        userId: actor.userId,
        endpoint: endpoint.toString(),
        p256dh: dto.keys.p256dh,
        auth: dto.keys.auth,
        createdAt: this.clock.now(),
      },
      this.limit,
    );
    switch (outcome.kind) {
      case 'stored':
        return WebPushSubscriptionDto.from(outcome.subscription);
      case 'taken':
        throw new DomainError(WebPushErrorCode.ENDPOINT_IN_USE, 409, 'This push endpoint belongs to another account');
      case 'limit':
        throw new DomainError(
          WebPushErrorCode.LIMIT_REACHED,
          422,
          `At most ${this.limit} browsers per account receive push notifications: remove one first`,
        );
    }
  }

  async list(actor: AccountActor): Promise<WebPushSubscriptionDto[]> {
    return (await this.subscriptions.listByUser(actor.userId)).map((s) => WebPushSubscriptionDto.from(s));
  }

  async remove(actor: AccountActor, id: string): Promise<void> {
    if (!(await this.subscriptions.delete(actor.userId, id)))
      throw new DomainError(WebPushErrorCode.NOT_FOUND, 404, 'Push subscription not found');
  }
}
