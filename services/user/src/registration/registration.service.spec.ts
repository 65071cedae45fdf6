import { strictFake } from '@prodvor/testing';
import type { TransactionRunner, Tx } from '../database/transaction-runner';
import type { EmailVerificationService, VerificationPlan } from '../email-verification/email-verification.service';
import { AccountConflictError, type IdentityAdmin } from '../keycloak/identity-admin';
import type { ProfilesService } from '../profiles/profiles.service';
import { RegistrationService } from './registration.service';

const dto = { username: 'ivan', email: 'ivan@example.test', password: 'yard-football-7' };
const tx = {} as Tx;
const transactions = strictFake<TransactionRunner>('transactions', {
  run: <T>(work: (t: Tx) => Promise<T>) => work(tx),
});

function verification(purpose: VerificationPlan['purpose']) {
  const queue = vi.fn().mockResolvedValue(undefined);
  const plan = vi.fn(async (userId: string, email: string) => ({ userId, email, purpose }));
  return { queue, plan, fake: strictFake<EmailVerificationService>('verification', { plan, queue }) };
}

describe('RegistrationService', () => {
  it('creates the account without an address, then the profile and the e-mail in one transaction', async () => {
    const createAccount = vi.fn().mockResolvedValue('id-1');
    const identity = strictFake<IdentityAdmin>('identity', { createAccount });
    const createProfile = vi.fn().mockResolvedValue(true);
    const profiles = strictFake<ProfilesService>('profiles', { createProfile });
    const v = verification('verify');
    const service = new RegistrationService(identity, profiles, v.fake, transactions);
    await expect(service.register(dto, 'corr')).resolves.toEqual({
      username: 'ivan',
      email: dto.email,
      emailVerification: 'sent',
    });
    expect(createAccount).toHaveBeenCalledWith({ username: 'ivan', password: dto.password });
    expect(createProfile).toHaveBeenCalledWith(
      tx,
      { userId: 'id-1', username: 'ivan', email: dto.email, emailVerified: false, locale: undefined },
      'corr',
    );
    expect(v.queue).toHaveBeenCalledWith(tx, { userId: 'id-1', email: dto.email, purpose: 'verify' }, 'corr');
  });

  it('answers a taken address exactly like a free one, after the same steps', async () => {
    const answers = [];
    const calls: string[][] = [];
    for (const purpose of ['verify', 'notice'] as const) {
      const seen: string[] = [];
      const identity = strictFake<IdentityAdmin>('identity', {
        createAccount: async () => (seen.push('createAccount'), `id-${purpose}`),
      });
      const profiles = strictFake<ProfilesService>('profiles', {
        createProfile: async () => (seen.push('createProfile'), true),
      });
      const v = verification(purpose);
      v.plan.mockImplementation(async (userId, email) => (seen.push('plan'), { userId, email, purpose }));
      v.queue.mockImplementation(async () => void seen.push('queue'));
      answers.push(await new RegistrationService(identity, profiles, v.fake, transactions).register(dto, 'c'));
      calls.push(seen);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(calls[0]).toEqual(calls[1]);
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
    const service = new RegistrationService(identity, profiles, verification('verify').fake, transactions);
    await expect(service.register(dto, 'corr')).rejects.toThrow('database down');
    expect(deleteAccount).toHaveBeenCalledWith('id-2');
  });

  it('answers USERNAME_TAKEN for a taken username without touching profiles', async () => {
    const identity = strictFake<IdentityAdmin>('identity', {
      createAccount: vi.fn().mockRejectedValue(new AccountConflictError()),
    });
    const service = new RegistrationService(
      identity,
      strictFake<ProfilesService>('profiles'),
      strictFake<EmailVerificationService>('verification'),
      transactions,
    );
    await expect(service.register(dto, 'corr')).rejects.toMatchObject({ code: 'USERNAME_TAKEN', status: 409 });
  });

  it('refuses a weak password before calling the identity provider', async () => {
    const service = new RegistrationService(
      strictFake<IdentityAdmin>('identity'),
      strictFake<ProfilesService>('profiles'),
      strictFake<EmailVerificationService>('verification'),
      transactions,
    );
    await expect(service.register({ ...dto, password: 'ivan@example.test' }, 'c')).rejects.toMatchObject({
      code: 'USER_WEAK_PASSWORD',
      status: 400,
    });
  });
});
