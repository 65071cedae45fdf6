import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';
import { IdGenerator } from './id-generator';
import { RedisService } from './redis.service';

@Global()
@Module({ providers: [Clock, IdGenerator, RedisService], exports: [Clock, IdGenerator, RedisService] })
export class CommonModule {}
