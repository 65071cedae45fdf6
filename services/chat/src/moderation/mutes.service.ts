import { Inject, Injectable } from '@nestjs/common';
import { type Actor, AppConfig, Clock, DomainError, PlatformErrorCode } from '@prodvor/platform';
import type { ChatConfig } from '../config/chat.config';
import type { RoomMute } from './room-mute.model';
import { SendStateStore } from '../messages/send-state.store';
import { RoomAccessService } from '../rooms/room-access.service';
import type { MuteDto } from './mute.dto';
import { MutesRepository } from './mutes.repository';

/**
 * Room moderators mute a user for a duration. PostgreSQL holds the record; Redis mirrors it with a
 * matching expiry so the send path checks it in the same round trip as the rate counter.
 */
@Injectable()
export class MutesService {
  private readonly maxSeconds: number;

  constructor(
    private readonly access: RoomAccessService,
    private readonly mutes: MutesRepository,
    private readonly sendState: SendStateStore,
    private readonly clock: Clock,
    @Inject(AppConfig) config: AppConfig<ChatConfig>,
  ) {
    this.maxSeconds = config.get('CHAT_MUTE_MAX_SECONDS');
  }

  async mute(actor: Actor, roomId: string, userId: string, durationSeconds: number): Promise<MuteDto> {
    if (durationSeconds > this.maxSeconds)
      throw new DomainError(PlatformErrorCode.VALIDATION_FAILED, 400, 'Mute is too long', [
        { field: 'durationSeconds', message: `must be at most ${this.maxSeconds}` },
      ]);
    await this.access.require(actor, roomId, 'moderate');
    const now = this.clock.now();
    const until = new Date(now.getTime() + durationSeconds * 1000);
    const mute = await this.mutes.upsert({ roomId, userId, until, mutedBy: actor.userId });
    await this.sendState.setMute(roomId, userId, until, now);
    return toDto(mute);
  }

  async unmute(actor: Actor, roomId: string, userId: string): Promise<void> {
    await this.access.require(actor, roomId, 'moderate');
    await this.mutes.remove(roomId, userId);
    await this.sendState.clearMute(roomId, userId);
  }

  async list(actor: Actor, roomId: string): Promise<MuteDto[]> {
    await this.access.require(actor, roomId, 'moderate');
    return (await this.mutes.active(roomId, this.clock.now())).map(toDto);
  }
}

function toDto(mute: RoomMute): MuteDto {
  return { roomId: mute.roomId, userId: mute.userId, until: mute.until.toISOString(), mutedBy: mute.mutedBy };
}
