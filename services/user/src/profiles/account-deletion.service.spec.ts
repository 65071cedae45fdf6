import { strictFake } from '@prodvor/testing';
import type { TransactionRunner, Tx } from '../database/transaction-runner';
import type { HomeForgettingService } from '../home/home-forgetting.service';
import type { IdentityAdmin } from '../keycloak/identity-admin';
import { AccountDeletionService } from './account-deletion.service';
import type { ProfilesRepository } from './profiles.repository';
import type { PublicProfileCache } from './public-profile.cache';
import { type AccountActor, Clock, type EventPublisher } from '@prodvor/platform';

const actor: AccountActor = {
  userId: 'u-1',
  username: 'ivan',
  emailVerified: false,
  roles: ['player'],
  correlationId: 'corr',
};
const tx = {} as Tx;

function setup(deleteAccount: IdentityAdmin['deleteAccount']) {
  const calls: string[] = [];
  const invalidate = vi.fn().mockResolvedValue(undefined);
  const service = new AccountDeletionService(
    strictFake<IdentityAdmin>('identity', {
      deleteAccount: async (id) => {
        calls.push(`keycloak:${id}`);
        return deleteAccount(id);
      },
    }),
    strictFake<ProfilesRepository>('profiles', {
      deleteAccountData: async (_tx, id) => {
        calls.push(`data:${id}`);
      },
    }),
    strictFake<TransactionRunner>('transactions', { run: <T>(work: (t: Tx) => Promise<T>) => work(tx) }),
    strictFake<EventPublisher>('events', {
      publish: async (_tx, type, data) => {
        calls.push(`${type}:${'userId' in data ? data.userId : '?'}`);
      },
    }),
    strictFake<PublicProfileCache>('cache', { invalidate }),
    new Clock(),
    strictFake<HomeForgettingService>('home', {
      forgetUser: async (_tx, id) => {
        calls.push(`home:${id}`);
      },
    }),
  );
  return { service, calls, invalidate };
}

describe('AccountDeletionService', () => {
  it('deletes local data, records user.deleted and deletes the Keycloak account inside the transaction', async () => {
    const { service, calls, invalidate } = setup(async () => undefined);
    await service.deleteOwnAccount(actor);
    expect(calls).toEqual(['data:u-1', 'home:u-1', 'user.deleted:u-1', 'keycloak:u-1']);
    expect(invalidate).toHaveBeenCalledWith('u-1');
  });

  it('fails (so the transaction rolls back) when Keycloak refuses, and keeps the cache', async () => {
    const { service, invalidate } = setup(async () => {
      throw new Error('keycloak down');
    });
    await expect(service.deleteOwnAccount(actor)).rejects.toThrow('keycloak down');
    expect(invalidate).not.toHaveBeenCalled();
  });
});
