import { Module } from '@nestjs/common';
import { ProfilesModule } from '../profiles/profiles.module';
import { MediaResultsConsumer } from './media-results.consumer';
import { MediaResultsRepository } from './media-results.repository';

@Module({ imports: [ProfilesModule], providers: [MediaResultsConsumer, MediaResultsRepository] })
export class MediaModule {}
