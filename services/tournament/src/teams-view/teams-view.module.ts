import { Global, Module } from '@nestjs/common';
import { TeamEventsConsumer } from './team-events.consumer';
import { TeamViewsRepository } from './team-views.repository';

@Global()
@Module({ providers: [TeamViewsRepository, TeamEventsConsumer], exports: [TeamViewsRepository] })
export class TeamsViewModule {}
