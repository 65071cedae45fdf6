import { strictFake } from '@prodvor/testing';
import type { TransactionRunner, Tx } from '../database/transaction-runner';
import { AccountConflictError, type IdentityAdmin } from '../keycloak/identity-admin';
import type { ProfilesService } from '../profiles/profiles.service';
import { RegistrationService } from './registration.service';

const dto = { username: 'ivan', email: 'ivan@example.test', password: 'yard-football-7' };
const tx = {} as Tx;
const transactions = strictFake<TransactionRunner>('transactions', {
  run: <T>(work: (t: Tx) => Promise<T>) => work(tx),
});

describe('RegistrationService', () => {
  it('creates the account, then the profile', async () => {
    const identity = strictFake<IdentityAdmin>('identity', { createAccount: vi.fn().mockResolvedValue('id-1') });
    const createProfile = vi.fn().mockResolvedValue(true);
    const profiles = strictFake<ProfilesService>('profiles', { createProfile });
    const service = new RegistrationService(identity, profiles, transactions);
    await expect(service.register(dto, 'corr')).resolves.toEqual({ id: 'id-1', username: 'ivan', email: dto.email });
    expect(createProfile).toHaveBeenCalledWith(tx, 'id-1', 'ivan', dto.email, 'corr');
  });

  it('deletes the account again when the profile write fails (no orphaned identity)', async () => {
    const deleteAccount = vi.fn().mockResolvedValue(undefined);
    const identity = strictFake<IdentityAdmin>('identity', {
      createAccount: vi.fn().mockResolvedValue('id-2'),
      deleteAccount,
    });
    const profiles = strictFake<ProfilesService>('profiles', {
      createProfile: vi.fn().mockRejectedValue(new Error('database down')),
    });
    const service = new RegistrationService(identity, profiles, transactions);
    await expect(service.register(dto, 'corr')).rejects.toThrow('database down');
    expect(deleteAccount).toHaveBeenCalledWith('id-2');
  });

  it('answers USER_ALREADY_EXISTS for a taken username or e-mail without touching profiles', async () => {
    const identity = strictFake<IdentityAdmin>('identity', {
      createAccount: vi.fn().mockRejectedValue(new AccountConflictError()),
    });
    const service = new RegistrationService(identity, strictFake<ProfilesService>('profiles'), transactions);
    await expect(service.register(dto, 'corr')).rejects.toMatchObject({ code: 'USER_ALREADY_EXISTS', status: 409 });
  });

  it('refuses a weak password before calling the identity provider', async () => {
    const service = new RegistrationService(
      strictFake<IdentityAdmin>('identity'),
      strictFake<ProfilesService>('profiles'),
      transactions,
    );
    await expect(service.register({ ...dto, password: 'ivan@example.test' }, 'c')).rejects.toMatchObject({
      code: 'USER_WEAK_PASSWORD',
      status: 400,
    });
  });
});
