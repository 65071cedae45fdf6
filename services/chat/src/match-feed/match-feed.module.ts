import { Module } from '@nestjs/common';
import { MatchFeedConsumer } from './match-feed.consumer';
import { MatchFeedRepository } from './match-feed.repository';
import { MatchFeedService } from './match-feed.service';

@Module({ providers: [MatchFeedRepository, MatchFeedService, MatchFeedConsumer], exports: [MatchFeedService] })
export class MatchFeedModule {}
