import { Injectable } from '@nestjs/common';
import { MessageErrors } from '../messages/message.errors';
import { EphemeralBus } from '../realtime/ephemeral-bus';
import { membersChannel } from '../realtime/socket-state';
import { RoomAccessService } from '../rooms/room-access.service';
import { ReadReceiptsRepository } from './read-receipts.repository';
import { type Actor, Clock } from '@prodvor/platform';

/** A message is delivered live before persistence stores it: a receipt for one this recent waits for it. */
const IN_FLIGHT_MS = 30_000;
const IN_FLIGHT_CHECKS = [100, 200, 400, 800];

export interface ReadState {
  roomId: string;
  lastReadMessageId: string;
  unreadCount: number;
}

/** Read receipts are stored (PostgreSQL); the "read" signal to the room's sockets is ephemeral. */
@Injectable()
export class ReadReceiptsService {
  constructor(
    private readonly access: RoomAccessService,
    private readonly receipts: ReadReceiptsRepository,
    private readonly bus: EphemeralBus,
    private readonly clock: Clock,
  ) {}

  async markRead(actor: Pick<Actor, 'userId' | 'roles'>, roomId: string, messageId: string): Promise<ReadState> {
    const { member } = await this.access.require(actor, roomId, 'read');
    const last = await this.markStored(roomId, actor.userId, messageId);
    // A spectator's receipt counts for their own unread count only; members hear of members' reads.
    if (member)
      this.bus.publish({
        kind: 'read',
        rooms: [membersChannel(roomId)],
        payload: { roomId, userId: actor.userId, messageId: last },
      });
    return { roomId, lastReadMessageId: last, unreadCount: await this.receipts.unreadCount(roomId, actor.userId) };
  }

  /** 404 for an id that is not a message of the room, once one sent just now has had time to be stored. */
  private async markStored(roomId: string, userId: string, messageId: string): Promise<string> {
    const last = await this.receipts.markRead(roomId, userId, messageId, this.clock.now());
    if (last) return last;
    const age = this.clock.now().getTime() - uuidV7Time(messageId);
    if (age >= -5_000 && age <= IN_FLIGHT_MS) {
      for (const wait of IN_FLIGHT_CHECKS) {
        await new Promise((resolve) => setTimeout(resolve, wait));
        const stored = await this.receipts.markRead(roomId, userId, messageId, this.clock.now());
        if (stored) return stored;
      }
    }
    throw MessageErrors.notFound();
  }

  async receiptsOf(actor: Pick<Actor, 'userId' | 'roles'>, roomId: string) {
    await this.access.requireMember(actor, roomId);
    const rows = await this.receipts.list(roomId, 200);
    return rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() }));
  }
}

/** The creation time (ms) a UUIDv7 carries in its first 48 bits; NaN for other ids. */
function uuidV7Time(id: string): number {
  if (id[14] !== '7') return Number.NaN;
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}
