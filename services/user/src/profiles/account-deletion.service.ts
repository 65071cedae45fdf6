import { Inject, Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { HomeForgettingService } from '../home/home-forgetting.service';
import { IDENTITY_ADMIN, type IdentityAdmin } from '../keycloak/identity-admin';
import { ProfilesRepository } from './profiles.repository';
import { PublicProfileCache } from './public-profile.cache';
import { type AccountActor, Clock, EventPublisher } from '@prodvor/platform';

/**
 * Deletes an account: the local data, a tombstone and the `user.deleted` event are written in one
 * transaction, and the Keycloak account is deleted before that transaction commits. If Keycloak
 * fails nothing local changes and the caller can retry; deleting an already deleted account is a no-op
 * in Keycloak, so a retry after a lost commit completes the deletion.
 */
@Injectable()
export class AccountDeletionService {
  constructor(
    @Inject(IDENTITY_ADMIN) private readonly identity: IdentityAdmin,
    private readonly profiles: ProfilesRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly cache: PublicProfileCache,
    private readonly clock: Clock,
    private readonly home: HomeForgettingService,
  ) {}

  async deleteOwnAccount(actor: AccountActor): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.profiles.deleteAccountData(tx, actor.userId, this.clock.now());
      await this.home.forgetUser(tx, actor.userId);
      await this.events.publish(tx, 'user.deleted', { userId: actor.userId }, actor.correlationId);
      await this.identity.deleteAccount(actor.userId);
    });
    await this.cache.invalidate(actor.userId);
  }
}
