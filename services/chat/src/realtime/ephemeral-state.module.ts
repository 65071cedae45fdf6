import { Global, Module } from '@nestjs/common';
import { SendStateStore } from '../messages/send-state.store';
import { EphemeralBus } from './ephemeral-bus';
import { PresenceService } from './presence.service';

/**
 * The Redis-backed ephemeral state every instance shares: presence, the bus between chat instances, and
 * the send state (rate window, mute mirror, client-id claims). Global: sockets, messages and moderation use it.
 */
@Global()
@Module({
  providers: [PresenceService, EphemeralBus, SendStateStore],
  exports: [PresenceService, EphemeralBus, SendStateStore],
})
export class EphemeralStateModule {}
