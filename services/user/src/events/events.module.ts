import { Global, Module } from '@nestjs/common';
import { UserEventsPublisher } from './user-events.publisher';

@Global()
@Module({ providers: [UserEventsPublisher], exports: [UserEventsPublisher] })
export class EventsModule {}
