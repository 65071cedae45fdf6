import { Injectable } from '@nestjs/common';
import type { ChatMessageSent } from '@prodvor/contracts';
import { PresenceService } from '../realtime/presence.service';
import { atLeast } from '../rooms/room-access';
import { RoomAccessService } from '../rooms/room-access.service';
import { RoomsRepository } from '../rooms/rooms.repository';
import { OfflineNotifier, type PendingNotification } from './offline-notifier';

/**
 * Decides who hears of a stored message while offline: the other side of a direct conversation and
 * mentioned members. Users with a live connection get the message over their socket instead.
 */
@Injectable()
export class OfflineDeliveryService {
  constructor(
    private readonly access: RoomAccessService,
    private readonly rooms: RoomsRepository,
    private readonly presence: PresenceService,
    private readonly notifier: OfflineNotifier,
  ) {}

  async onStored(message: ChatMessageSent): Promise<void> {
    const targets = new Map<string, PendingNotification['kind']>();
    for (const userId of message.mentions) {
      const grant = await this.access.grant({ userId, roles: [] }, message.roomId);
      if (grant && atLeast(grant.access, 'read')) targets.set(userId, 'chat_mention');
    }
    if (message.roomKind === 'direct') {
      const room = await this.rooms.findRef(message.roomId);
      for (const userId of room ? await this.rooms.memberIds(room, 2) : []) targets.set(userId, 'direct_message');
    }
    targets.delete(message.senderId);
    for (const [userId, kind] of targets) {
      if (await this.presence.isOnline(userId)) continue;
      await this.notifier.add({
        userId,
        roomId: message.roomId,
        kind,
        messageId: message.messageId,
        senderId: message.senderId,
        preview: message.text,
      });
    }
  }
}
