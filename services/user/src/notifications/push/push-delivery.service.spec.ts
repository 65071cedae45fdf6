import { Clock } from '@prodvor/platform';
import { strictFake } from '@prodvor/testing';
import type { NotificationsRepository } from '../notifications.repository';
import { PushDeliveryService } from './push-delivery.service';
import { type PushMessage, type PushOutcome, type PushSender, PushServiceError, type PushTarget } from './push-sender';

const message: PushMessage = {
  notificationId: '0190f0a0-0000-7000-8000-000000000001',
  kind: 'team_invite',
  title: 'Invite',
  body: 'Join us',
  data: {},
};

function target(key: string, send: () => Promise<PushOutcome>) {
  const forget = vi.fn().mockResolvedValue(undefined);
  return { key, send: vi.fn(send), forget } satisfies PushTarget;
}

function sender(name: PushSender['name'], targets: PushTarget[], enabled = true): PushSender {
  return { name, enabled, targets: async () => targets };
}

describe('PushDeliveryService', () => {
  it('skips claimed targets, forgets gone ones, tries every target and then fails with the first error', async () => {
    const claimed = new Set(['webpush:done']);
    const releasePush = vi.fn().mockResolvedValue(undefined);
    const notifications = strictFake<NotificationsRepository>('notifications', {
      claimPush: async (_id, key) => {
        if (claimed.has(key)) return false;
        claimed.add(key);
        return true;
      },
      releasePush,
    });
    const done = target('webpush:done', async () => 'sent');
    const gone = target('webpush:gone', async () => 'gone');
    const failing = target('fcm:down', async () => {
      throw new PushServiceError('fcm', 503, true);
    });
    const after = target('fcm:ok', async () => 'sent');
    const service = new PushDeliveryService(
      notifications,
      [sender('webpush', [done, gone]), sender('fcm', [failing, after]), sender('fcm', [], false)],
      new Clock(),
    );

    await expect(service.push('user', message)).rejects.toThrow('fcm answered 503');
    expect(done.send).not.toHaveBeenCalled();
    expect(gone.forget).toHaveBeenCalledTimes(1);
    expect(after.send).toHaveBeenCalledWith(message);
    expect(releasePush).toHaveBeenCalledWith(message.notificationId, 'fcm:down');
    expect(failing.forget).not.toHaveBeenCalled();
  });
});
