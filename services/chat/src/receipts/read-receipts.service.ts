import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/actor';
import { Clock } from '../common/clock';
import { EphemeralBus } from '../realtime/ephemeral-bus';
import { RoomAccessService } from '../rooms/room-access.service';
import { ReadReceiptsRepository } from './read-receipts.repository';

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
    await this.access.require(actor, roomId, 'read');
    const last = await this.receipts.markRead(roomId, actor.userId, messageId, this.clock.now());
    this.bus.publish({ kind: 'read', rooms: [roomId], payload: { roomId, userId: actor.userId, messageId: last } });
    return { roomId, lastReadMessageId: last, unreadCount: await this.receipts.unreadCount(roomId, actor.userId) };
  }

  async receiptsOf(actor: Pick<Actor, 'userId' | 'roles'>, roomId: string) {
    await this.access.require(actor, roomId, 'read');
    const rows = await this.receipts.list(roomId, 200);
    return rows.map((row) => ({ ...row, updatedAt: row.updatedAt.toISOString() }));
  }
}
