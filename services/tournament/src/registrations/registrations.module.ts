import { Module } from '@nestjs/common';
import { MatchesModule } from '../matches/matches.module';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

@Module({
  imports: [MatchesModule],
  controllers: [RegistrationsController],
  providers: [RegistrationsRepository, RegistrationsService],
  exports: [RegistrationsRepository],
})
export class RegistrationsModule {}
