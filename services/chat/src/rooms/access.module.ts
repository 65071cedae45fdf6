import { Global, Module } from '@nestjs/common';
import { SendGuard } from '../messages/send-guard';
import { EphemeralBus } from '../realtime/ephemeral-bus';
import { PresenceService } from '../realtime/presence.service';
import { RoomAccessService } from './room-access.service';
import { RoomsRepository } from './rooms.repository';

/** What most features share: room access from the read model, and the Redis-backed ephemeral state. */
@Global()
@Module({
  providers: [RoomsRepository, RoomAccessService, PresenceService, EphemeralBus, SendGuard],
  exports: [RoomsRepository, RoomAccessService, PresenceService, EphemeralBus, SendGuard],
})
export class AccessModule {}
