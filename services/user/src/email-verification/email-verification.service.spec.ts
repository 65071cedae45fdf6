import { AppConfig, type Clock, type EventPublisher, IdGenerator } from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import { userConfigSchema, type UserConfig } from '../config/user.config';
import type { TransactionRunner, Tx } from '../database/transaction-runner';
import type { Profile } from '../profiles/profile.model';
import type { EmailVerification } from './email-verification.model';
import { EmailInUseError, type AddressHolder, type IdentityAdmin } from '../keycloak/identity-admin';
import type { ProfilesRepository } from '../profiles/profiles.repository';
import type { ProfilesService } from '../profiles/profiles.service';
import type { AccountEmailsPublisher } from './account-emails.publisher';
import { EmailVerificationService } from './email-verification.service';
import type { EmailVerificationRepository } from './email-verification.repository';
import { VerificationTokens } from './verification-tokens';

const NOW = new Date('2026-12-01T12:00:00.000Z');
const HOUR = 3_600_000;
const tx = {} as Tx;
const clock: Clock = { now: () => NOW };
const config = new AppConfig(
  { EMAIL_VERIFICATION_TTL_HOURS: 24, EMAIL_MAILS_PER_ADDRESS_PER_HOUR: 5 } as UserConfig,
  userConfigSchema,
);
const tokens = new VerificationTokens();
const { token, hash } = tokens.issue();

const holder = (over: Partial<AddressHolder>): AddressHolder => ({
  id: 'holder',
  username: 'holder',
  emailVerified: true,
  createdAt: new Date(NOW.getTime() - 2 * 24 * HOUR),
  ...over,
});
const request = (over: Partial<EmailVerification> = {}): EmailVerification => ({
  id: 'req-1',
  userId: 'me',
  email: 'me@example.test',
  purpose: 'verify',
  holderId: null,
  tokenHash: hash,
  createdAt: NOW,
  expiresAt: new Date(NOW.getTime() + HOUR),
  sentAt: NOW,
  usedAt: null,
  ...over,
});

interface Fakes {
  identity?: Partial<IdentityAdmin>;
  requests?: Partial<EmailVerificationRepository>;
  profiles?: Partial<ProfilesRepository>;
  events?: Partial<EventPublisher>;
  emails?: Partial<AccountEmailsPublisher>;
}

function service(f: Fakes = {}) {
  return new EmailVerificationService(
    strictFake<IdentityAdmin>('identity', f.identity ?? {}),
    strictFake<EmailVerificationRepository>('requests', f.requests ?? {}),
    strictFake<ProfilesRepository>('profiles', f.profiles ?? {}),
    strictFake<ProfilesService>('profileService'),
    strictFake<TransactionRunner>('transactions', { run: <T>(work: (t: Tx) => Promise<T>) => work(tx) }),
    strictFake<EventPublisher>('events', f.events ?? {}),
    strictFake<AccountEmailsPublisher>('emails', f.emails ?? {}),
    tokens,
    new IdGenerator(),
    clock,
    config,
  );
}

describe('EmailVerificationService.plan: who has the address decides the e-mail', () => {
  const planWith = (found: AddressHolder | undefined) =>
    service({ identity: { findAccountByEmail: async () => found } }).plan('me', 'me@example.test');

  it('sends a link when nobody has the address, or the account itself has it unverified', async () => {
    expect(await planWith(undefined)).toMatchObject({ purpose: 'verify' });
    expect(await planWith(holder({ id: 'me', emailVerified: false }))).toMatchObject({ purpose: 'verify' });
  });

  it('tells the owner instead when another account has it verified', async () => {
    expect(await planWith(holder({}))).toEqual({
      userId: 'me',
      email: 'me@example.test',
      purpose: 'notice',
      holderId: 'holder',
    });
  });

  it('protects an unverified holder for the window after it was created, then releases the address', async () => {
    const young = holder({ emailVerified: false, createdAt: new Date(NOW.getTime() - 23 * HOUR) });
    const old = holder({ emailVerified: false, createdAt: new Date(NOW.getTime() - 24 * HOUR) });
    expect(await planWith(young)).toMatchObject({ purpose: 'notice' });
    expect(await planWith(old)).toMatchObject({ purpose: 'verify' });
  });
});

describe('EmailVerificationService.queue', () => {
  it('records the request and queues its e-mail', async () => {
    const insert = vi.fn().mockResolvedValue(undefined);
    const queue = vi.fn().mockResolvedValue(undefined);
    await service({ requests: { countMailsTo: async () => 4, insert }, emails: { queue } }).queue(
      tx,
      { userId: 'me', email: 'me@example.test', purpose: 'verify' },
      'c',
    );
    const stored = insert.mock.calls[0][1] as { id: string; purpose: string; expiresAt: Date };
    expect(stored).toMatchObject({ purpose: 'verify', expiresAt: new Date(NOW.getTime() + 24 * HOUR) });
    expect(queue).toHaveBeenCalledWith(tx, { verificationId: stored.id, userId: 'me' }, 'c');
  });

  it('sends nothing more to an address that got its hourly share, whichever account asks', async () => {
    const insert = vi.fn().mockResolvedValue(undefined);
    await service({ requests: { countMailsTo: async () => 5, insert } }).queue(
      tx,
      { userId: 'me', email: 'me@example.test', purpose: 'notice', holderId: 'holder' },
      'c',
    );
    expect(insert).toHaveBeenCalledWith(tx, expect.objectContaining({ purpose: 'suppressed' }));
  });
});

describe('EmailVerificationService.verify', () => {
  const profile = { id: 'me', username: 'me' } as Profile;

  it('refuses a string that cannot be a token without a lookup, and an unknown token', async () => {
    await expect(service().verify('nope', 'c')).rejects.toMatchObject({ code: 'EMAIL_VERIFICATION_INVALID' });
    const unknown = service({ requests: { findByTokenHash: async () => null } });
    await expect(unknown.verify(token, 'c')).rejects.toMatchObject({ code: 'EMAIL_VERIFICATION_INVALID', status: 400 });
  });

  it('tells a used link from an expired one', async () => {
    const used = service({ requests: { findByTokenHash: async () => request({ usedAt: NOW }) } });
    await expect(used.verify(token, 'c')).rejects.toMatchObject({ code: 'EMAIL_VERIFICATION_USED', status: 409 });
    const expired = service({ requests: { findByTokenHash: async () => request({ expiresAt: NOW }) } });
    await expect(expired.verify(token, 'c')).rejects.toMatchObject({ code: 'EMAIL_VERIFICATION_EXPIRED', status: 410 });
  });

  it('does not take an address another account verified meanwhile', async () => {
    const s = service({
      requests: { findByTokenHash: async () => request() },
      profiles: { findById: async () => profile },
      identity: { findAccountByEmail: async () => holder({}) },
    });
    await expect(s.verify(token, 'c')).rejects.toMatchObject({ code: 'EMAIL_IN_USE', status: 409 });
  });

  it('takes the address from an account that held it unverified beyond the window', async () => {
    const calls: string[] = [];
    const s = service({
      requests: {
        findByTokenHash: async () => request(),
        claimUse: async () => (calls.push('claim'), true),
        retireOthers: async () => void calls.push('retire'),
      },
      profiles: {
        findById: async () => profile,
        markEmailVerified: async () => (calls.push('profile'), profile),
        dropUnverifiedEmail: async (_tx, id) => void calls.push(`drop:${id}`),
      },
      identity: {
        findAccountByEmail: async () => holder({ emailVerified: false }),
        removeEmail: async (id) => void calls.push(`remove:${id}`),
        setVerifiedEmail: async (id, email) => void calls.push(`set:${id}:${email}`),
      },
      events: { publish: async (_tx, type) => void calls.push(type) },
    });
    await expect(s.verify(token, 'c')).resolves.toEqual({
      username: 'me',
      email: 'me@example.test',
      emailVerified: true,
    });
    expect(calls).toEqual([
      'remove:holder',
      'claim',
      'retire',
      'profile',
      'drop:holder',
      'user.email_verified',
      'set:me:me@example.test',
    ]);
  });

  it('answers EMAIL_IN_USE when Keycloak refuses the address (verified elsewhere in the same moment)', async () => {
    const s = service({
      requests: { findByTokenHash: async () => request(), claimUse: async () => true, retireOthers: async () => {} },
      profiles: { findById: async () => profile, markEmailVerified: async () => profile },
      identity: {
        findAccountByEmail: async () => undefined,
        setVerifiedEmail: async () => {
          throw new EmailInUseError();
        },
      },
      events: { publish: async () => {} },
    });
    await expect(s.verify(token, 'c')).rejects.toMatchObject({ code: 'EMAIL_IN_USE' });
  });
});
