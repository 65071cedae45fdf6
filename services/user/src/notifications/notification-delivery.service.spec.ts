import type { NotificationDeliver } from '@prodvor/contracts';
import { Clock, type EventPublisher } from '@prodvor/platform';
import type { TransactionRunner } from '../database/transaction-runner';
import { strictFake } from '@prodvor/testing';
import type { Profile } from '../profiles/profile.model';
import type { ProfilesRepository } from '../profiles/profiles.repository';
import type { Notification, NotificationPreference } from './notification.model';
import type { NotificationChannel } from './notification-channel';
import { NotificationDeliveryService } from './notification-delivery.service';
import type { NotificationsRepository } from './notifications.repository';
import type { PushDeliveryService } from './push/push-delivery.service';

const job: NotificationDeliver = {
  notificationId: '0190f0a0-0000-7000-8000-000000000001',
  userId: '0190f0a0-0000-7000-8000-0000000000aa',
  kind: 'team_invite',
  title: 'Invite',
  body: 'Join us',
  data: {},
  createdAt: '2026-11-23T05:00:00.000Z',
};
const stored = {
  id: job.notificationId,
  kind: job.kind,
  title: 'Invite',
  body: 'Join us',
  emailedAt: null,
} as Notification;
const profile = {
  id: job.userId,
  email: 'a@example.test',
  emailVerified: true,
  displayName: 'A',
  locale: 'ru',
  timeZone: null,
} as Profile;
const preference = (channels: Pick<NotificationPreference, 'inApp' | 'email' | 'push'>) => async () => ({
  userId: job.userId,
  kind: job.kind,
  ...channels,
  updatedAt: new Date(),
});

const transactions = strictFake<TransactionRunner>('transactions', {
  run: (work) => work({} as Parameters<Parameters<TransactionRunner['run']>[0]>[0]),
});
const publish = vi.fn().mockResolvedValue(undefined);

describe('NotificationDeliveryService', () => {
  beforeEach(() => publish.mockClear());

  it('drops jobs for deleted accounts without storing anything', async () => {
    const service = new NotificationDeliveryService(
      strictFake<NotificationsRepository>('notifications'),
      strictFake<ProfilesRepository>('profiles', { isDeleted: async () => true }),
      [],
      strictFake<PushDeliveryService>('pushes'),
      transactions,
      strictFake<EventPublisher>('events', { publish }),
      new Clock(),
    );
    await service.deliver(job);
  });

  it('stores a muted kind already read and sends nothing', async () => {
    const insertIfAbsent = vi.fn().mockResolvedValue(true);
    const service = new NotificationDeliveryService(
      strictFake<NotificationsRepository>('notifications', {
        preference: preference({ inApp: false, email: false, push: false }),
        insertIfAbsent,
      }),
      strictFake<ProfilesRepository>('profiles', { isDeleted: async () => false, findById: async () => profile }),
      [strictFake<NotificationChannel>('email', { name: 'email' })],
      strictFake<PushDeliveryService>('pushes'),
      transactions,
      strictFake<EventPublisher>('events', { publish }),
      new Clock(),
    );
    await service.deliver(job);
    expect(insertIfAbsent).toHaveBeenCalledWith(
      expect.objectContaining({ readAt: new Date(job.createdAt) }),
      expect.anything(),
    );
    expect(publish).not.toHaveBeenCalled();
  });

  it('gives the e-mail claim back when sending fails, still pushes, and fails the job so the retry sends it', async () => {
    const releaseEmail = vi.fn().mockResolvedValue(undefined);
    const push = vi.fn().mockResolvedValue(undefined);
    const service = new NotificationDeliveryService(
      strictFake<NotificationsRepository>('notifications', {
        preference: preference({ inApp: true, email: true, push: true }),
        insertIfAbsent: async () => false,
        findById: async () => stored,
        claimEmail: async () => true,
        releaseEmail,
      }),
      strictFake<ProfilesRepository>('profiles', { isDeleted: async () => false, findById: async () => profile }),
      [
        strictFake<NotificationChannel>('email', {
          name: 'email',
          canReach: () => true,
          send: async () => {
            throw new Error('smtp down');
          },
        }),
      ],
      strictFake<PushDeliveryService>('pushes', { push }),
      transactions,
      strictFake<EventPublisher>('events', { publish }),
      new Clock(),
    );
    await expect(service.deliver(job)).rejects.toThrow('smtp down');
    expect(releaseEmail).toHaveBeenCalledWith(job.notificationId);
    expect(push).toHaveBeenCalledWith(job.userId, expect.objectContaining({ notificationId: job.notificationId }));
  });

  it('pushes by default (no saved preference) and sends no e-mail', async () => {
    const push = vi.fn().mockResolvedValue(undefined);
    const service = new NotificationDeliveryService(
      strictFake<NotificationsRepository>('notifications', {
        preference: async () => null,
        insertIfAbsent: async () => true,
        findById: async () => stored,
      }),
      strictFake<ProfilesRepository>('profiles', { isDeleted: async () => false, findById: async () => profile }),
      [strictFake<NotificationChannel>('email', { name: 'email' })],
      strictFake<PushDeliveryService>('pushes', { push }),
      transactions,
      strictFake<EventPublisher>('events', { publish }),
      new Clock(),
    );
    await service.deliver(job);
    expect(push).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith(
      expect.anything(),
      'notification.in_app',
      expect.objectContaining({ notificationId: job.notificationId, userId: job.userId }),
      job.notificationId,
    );
  });
});
