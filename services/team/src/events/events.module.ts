import { Global, Module } from '@nestjs/common';
import { TeamEventsPublisher } from './team-events.publisher';

@Global()
@Module({ providers: [TeamEventsPublisher], exports: [TeamEventsPublisher] })
export class EventsModule {}
