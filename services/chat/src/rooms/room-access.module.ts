import { Global, Module } from '@nestjs/common';
import { RoomAccessService } from './room-access.service';
import { RoomsRepository } from './rooms.repository';

/** Room access from the read model, which most features check first: global so each feature need not import it. */
@Global()
@Module({
  providers: [RoomsRepository, RoomAccessService],
  exports: [RoomsRepository, RoomAccessService],
})
export class RoomAccessModule {}
