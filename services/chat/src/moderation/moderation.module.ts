import { Module } from '@nestjs/common';
import { MutesController } from './mutes.controller';
import { MutesRepository } from './mutes.repository';
import { MutesService } from './mutes.service';

@Module({ controllers: [MutesController], providers: [MutesRepository, MutesService] })
export class ModerationModule {}
