import { Module } from '@nestjs/common';
import { MatchesModule } from '../matches/matches.module';
import { InvitesController } from './invites.controller';
import { InvitesRepository } from './invites.repository';
import { InvitesService } from './invites.service';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

@Module({
  imports: [MatchesModule],
  controllers: [RegistrationsController, InvitesController],
  providers: [RegistrationsRepository, RegistrationsService, InvitesRepository, InvitesService],
  exports: [RegistrationsRepository],
})
export class RegistrationsModule {}
