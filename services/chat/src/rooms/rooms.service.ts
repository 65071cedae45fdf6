import { Inject, Injectable } from '@nestjs/common';
import { type Actor, AppConfig, IdGenerator } from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';
import { PresenceService, type PresenceStatus } from '../realtime/presence.service';
import type { RoomDto, RoomSummaryDto } from './dto/room.dto';
import { RoomErrors } from './room.errors';
import { RoomAccessService } from './room-access.service';
import { RoomsRepository } from './rooms.repository';

const MAX_LISTED_ROOMS = 200;
const MAX_PRESENCE_MEMBERS = 200;

/** Direct and group conversations, the caller's rooms, and who of a room is online. */
@Injectable()
export class RoomsService {
  private readonly maxGroupMembers: number;

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly access: RoomAccessService,
    private readonly presence: PresenceService,
    private readonly ids: IdGenerator,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
  ) {
    this.maxGroupMembers = config.get('CHAT_GROUP_MAX_MEMBERS');
  }

  async mine(actor: Actor): Promise<RoomSummaryDto[]> {
    const rows = await this.rooms.myRooms(actor.userId, MAX_LISTED_ROOMS);
    return rows.map((row) => ({ ...row, archivedAt: row.archivedAt?.toISOString() ?? null }));
  }

  async get(actor: Actor, roomId: string): Promise<RoomDto> {
    const { room, access } = await this.access.require(actor, roomId, 'read');
    return {
      id: room.id,
      kind: room.kind,
      title: room.title,
      access,
      archivedAt: room.archivedAt?.toISOString() ?? null,
    };
  }

  /** The pair's one direct room, created on first use (any realm user may be messaged directly). */
  async direct(actor: Actor, userId: string): Promise<{ room: RoomDto; created: boolean }> {
    if (userId === actor.userId) throw RoomErrors.directWithSelf();
    const directKey = [actor.userId, userId].sort().join(':');
    const existing = await this.rooms.findDirect(directKey);
    const room =
      existing ??
      (await this.rooms.createDirect({
        id: this.ids.id(),
        directKey,
        createdBy: actor.userId,
        userIds: [actor.userId, userId],
      }));
    await this.access.membershipChanged({ roomIds: [room.id], userIds: [] });
    return { room: await this.get(actor, room.id), created: !existing };
  }

  async createGroup(actor: Actor, title: string, memberIds: string[]): Promise<RoomDto> {
    const members = new Set([actor.userId, ...memberIds]);
    if (members.size > this.maxGroupMembers) throw RoomErrors.groupFull(this.maxGroupMembers);
    const room = await this.rooms.createGroup({
      id: this.ids.id(),
      title,
      ownerId: actor.userId,
      memberIds: [...members],
    });
    await this.access.membershipChanged({ roomIds: [room.id], userIds: [] });
    return this.get(actor, room.id);
  }

  async addMember(actor: Actor, roomId: string, userId: string): Promise<void> {
    await this.requireGroupOwner(actor, roomId);
    if ((await this.rooms.countMembers(roomId)) >= this.maxGroupMembers)
      throw RoomErrors.groupFull(this.maxGroupMembers);
    await this.rooms.addMember(roomId, userId);
    await this.access.membershipChanged({ roomIds: [roomId], userIds: [userId] });
  }

  /** The owner removes anyone; a member removes only themselves (leaves). */
  async removeMember(actor: Actor, roomId: string, userId: string): Promise<void> {
    if (userId === actor.userId) {
      const { room } = await this.access.require(actor, roomId, 'write');
      if (room.kind !== 'group') throw RoomErrors.notAGroup();
    } else {
      await this.requireGroupOwner(actor, roomId);
    }
    await this.rooms.removeMember(roomId, userId);
    await this.access.membershipChanged({ roomIds: [roomId], userIds: [userId] });
  }

  async presenceOf(actor: Actor, roomId: string): Promise<PresenceStatus[]> {
    const { room } = await this.access.requireMember(actor, roomId);
    return this.presence.status(await this.rooms.memberIds(room, MAX_PRESENCE_MEMBERS));
  }

  private async requireGroupOwner(actor: Actor, roomId: string): Promise<void> {
    const { room, access } = await this.access.require(actor, roomId, 'read');
    if (room.kind !== 'group') throw RoomErrors.notAGroup();
    if (access !== 'moderate') throw RoomErrors.notGroupOwner();
  }
}
