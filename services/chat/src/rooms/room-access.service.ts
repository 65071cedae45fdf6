import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type Actor, AppConfig, Clock, MODERATOR_ROLES, RedisStore } from '@prodvor/platform';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ChatConfig } from '../config/chat.config';
import { RoomErrors } from './room.errors';
import { atLeast, isPrivateKind, strongest, type RoomAccess, type RoomRef } from './room-access';
import { RoomsRepository } from './rooms.repository';

const MAX_CACHED = 50_000;

export interface RoomGrant {
  room: RoomRef;
  access: RoomAccess;
  /**
   * One of the room's own people (allowed to write, or would be were the room not archived): only they see
   * presence and read receipts; spectators of a public match room read messages only.
   */
  member: boolean;
}

/**
 * What a membership change may have taken away: the sockets of `userIds` (in any room) and every socket
 * in `roomIds` must be checked again. Both empty means "anything may have changed".
 */
export interface MembershipChange {
  roomIds: string[];
  userIds: string[];
}

type ChangeListener = (change: MembershipChange) => void;

const announcementSchema = z.object({
  origin: z.string(),
  roomIds: z.array(z.string()).max(1000),
  userIds: z.array(z.string()).max(1000),
});

/**
 * Answers "may this user read / write / moderate this room" from the local read model only (no call
 * to team- or tournament-service on the send path). Answers are cached per instance: every committed
 * membership change (read model event, group edit) is announced over Redis and empties the cache of
 * every instance; `CHAT_ACCESS_CACHE_MS` bounds staleness should an announcement be lost.
 */
@Injectable()
export class RoomAccessService implements OnModuleInit {
  private readonly logger = new Logger(RoomAccessService.name);
  private readonly cache = new Map<string, { grant: RoomGrant | null; at: number }>();
  private readonly ttlMs: number;
  private readonly channel: string;
  /** Bumped on every change: a load that started before a change must not be cached after it. */
  private generation = 0;
  private readonly listeners: ChangeListener[] = [];
  /** Tells this instance's own announcements apart (it has already acted on them). */
  private readonly origin = randomUUID();

  constructor(
    private readonly rooms: RoomsRepository,
    private readonly clock: Clock,
    private readonly redis: RedisStore,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
  ) {
    this.ttlMs = config.get('CHAT_ACCESS_CACHE_MS');
    this.channel = redis.key('membership-changed');
  }

  async onModuleInit(): Promise<void> {
    await this.redis.subscriber.subscribe(this.channel, (raw) => {
      const parsed = announcementSchema.safeParse(safeJson(raw));
      // An announcement this instance cannot read still empties its cache.
      const change = parsed.success ? parsed.data : { origin: '', roomIds: [], userIds: [] };
      if (change.origin !== this.origin) this.applyChange({ roomIds: change.roomIds, userIds: change.userIds });
    });
  }

  /** Called with every membership change, local or announced by another instance, after the cache is emptied. */
  onMembershipChanged(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** After a committed membership change: this instance acts at once, the others when Redis tells them. */
  async membershipChanged(change: MembershipChange): Promise<void> {
    this.applyChange(change);
    const announcement = JSON.stringify({ origin: this.origin, ...change });
    await this.redis.client.publish(this.channel, announcement).catch((error: unknown) => {
      this.logger.warn({ err: error }, 'membership change not announced; other instances catch up by TTL');
    });
  }

  /** The room and the caller's access, or 404 when the caller may not even read it. */
  async require(actor: Pick<Actor, 'userId' | 'roles'>, roomId: string, needed: RoomAccess): Promise<RoomGrant> {
    const grant = await this.grant(actor, roomId);
    if (!grant || grant.access === 'none') throw RoomErrors.notFound();
    if (atLeast(grant.access, needed)) return grant;
    throw needed === 'moderate' ? RoomErrors.notModerator() : RoomErrors.readOnly();
  }

  /** Like {@link require} for reading, and refused (403) to a reader who is not one of the room's members. */
  async requireMember(actor: Pick<Actor, 'userId' | 'roles'>, roomId: string): Promise<RoomGrant> {
    const grant = await this.require(actor, roomId, 'read');
    if (!grant.member) throw RoomErrors.notMember();
    return grant;
  }

  async grant(actor: Pick<Actor, 'userId' | 'roles'>, roomId: string): Promise<RoomGrant | null> {
    const key = `${roomId}:${actor.userId}:${actor.roles.some((r) => MODERATOR_ROLES.includes(r)) ? 'm' : ''}`;
    const now = this.clock.now().getTime();
    const cached = this.cache.get(key);
    if (cached && now - cached.at < this.ttlMs) return cached.grant;
    const generation = this.generation;
    const grant = await this.load(actor, roomId);
    if (this.cache.size >= MAX_CACHED) this.cache.clear();
    if (this.ttlMs > 0 && generation === this.generation) this.cache.set(key, { grant, at: now });
    return grant;
  }

  private applyChange(change: MembershipChange): void {
    this.generation++;
    this.cache.clear();
    for (const listener of this.listeners) listener(change);
  }

  private async load(actor: Pick<Actor, 'userId' | 'roles'>, roomId: string): Promise<RoomGrant | null> {
    const room = await this.rooms.findRef(roomId);
    if (!room) return null;
    let access = await this.membershipAccess(room, actor.userId);
    if (!isPrivateKind(room.kind) && actor.roles.some((role) => MODERATOR_ROLES.includes(role))) access = 'moderate';
    const member = atLeast(access, 'write');
    if (room.archivedAt && atLeast(access, 'read')) access = 'read';
    return { room, access, member };
  }

  private async membershipAccess(room: RoomRef, userId: string): Promise<RoomAccess> {
    switch (room.kind) {
      case 'team':
        return teamAccess(await this.rooms.teamRole([room.id], userId));
      case 'tournament': {
        const tournament = await this.rooms.tournament(room.id);
        if (tournament?.organizerId === userId) return 'moderate';
        return (await this.rooms.playsInTournament(room.id, userId)) ? 'write' : 'none';
      }
      case 'match': {
        const tournament = room.tournamentId ? await this.rooms.tournament(room.tournamentId) : null;
        if (tournament?.organizerId === userId) return 'moderate';
        const teams = [room.homeTeamId, room.awayTeamId].filter((id): id is string => id !== null);
        const player = teams.length ? teamAccess(await this.rooms.teamRole(teams, userId)) : 'none';
        return strongest(player, tournament?.visibility === 'public' ? 'read' : 'none');
      }
      case 'direct':
      case 'group': {
        const member = await this.rooms.memberRole(room.id, userId);
        if (!member) return 'none';
        return member.role === 'owner' ? 'moderate' : 'write';
      }
    }
  }
}

function teamAccess(roles: { role: string }[]): RoomAccess {
  if (roles.some((r) => r.role === 'captain' || r.role === 'vice_captain')) return 'moderate';
  return roles.length ? 'write' : 'none';
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
}
