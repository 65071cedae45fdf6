import type { NotificationDeliver } from '@prodvor/contracts';
import { strictFake } from '@prodvor/testing';
import type { Notification } from './notification.model';
import type { Profile } from '../profiles/profile.model';
import type { ProfilesRepository } from '../profiles/profiles.repository';
import type { NotificationChannel } from './notification-channel';
import { NotificationDeliveryService } from './notification-delivery.service';
import type { NotificationsRepository } from './notifications.repository';
import { Clock } from '@prodvor/platform';

const job: NotificationDeliver = {
  notificationId: '0190f0a0-0000-7000-8000-000000000001',
  userId: '0190f0a0-0000-7000-8000-0000000000aa',
  kind: 'team_invite',
  title: 'Invite',
  body: 'Join us',
  data: {},
  createdAt: '2026-11-23T05:00:00.000Z',
};
const stored = { id: job.notificationId, emailedAt: null } as Notification;
const profile = {
  id: job.userId,
  email: 'a@example.test',
  emailVerified: true,
  displayName: 'A',
  locale: 'ru',
} as Profile;

describe('NotificationDeliveryService', () => {
  it('drops jobs for deleted accounts without storing anything', async () => {
    const service = new NotificationDeliveryService(
      strictFake<NotificationsRepository>('notifications'),
      strictFake<ProfilesRepository>('profiles', { isDeleted: async () => true }),
      [],
      new Clock(),
    );
    await service.deliver(job);
  });

  it('stores a muted kind already read and sends no e-mail', async () => {
    const insertIfAbsent = vi.fn().mockResolvedValue(true);
    const service = new NotificationDeliveryService(
      strictFake<NotificationsRepository>('notifications', {
        preference: async () => ({
          userId: job.userId,
          kind: job.kind,
          inApp: false,
          email: false,
          updatedAt: new Date(),
        }),
        insertIfAbsent,
      }),
      strictFake<ProfilesRepository>('profiles', { isDeleted: async () => false }),
      [strictFake<NotificationChannel>('email', { name: 'email' })],
      new Clock(),
    );
    await service.deliver(job);
    expect(insertIfAbsent).toHaveBeenCalledWith(expect.objectContaining({ readAt: new Date(job.createdAt) }));
  });

  it('gives the e-mail claim back when sending fails, so the retry sends it', async () => {
    const releaseEmail = vi.fn().mockResolvedValue(undefined);
    const service = new NotificationDeliveryService(
      strictFake<NotificationsRepository>('notifications', {
        preference: async () => ({
          userId: job.userId,
          kind: job.kind,
          inApp: true,
          email: true,
          updatedAt: new Date(),
        }),
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
      new Clock(),
    );
    await expect(service.deliver(job)).rejects.toThrow('smtp down');
    expect(releaseEmail).toHaveBeenCalledWith(job.notificationId);
  });
});
