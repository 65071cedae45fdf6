import { Module } from '@nestjs/common';
import { StandingsModule } from '../standings/standings.module';
import { CareersController } from './careers.controller';
import { CareersRepository } from './careers.repository';
import { CareersService } from './careers.service';

@Module({
  imports: [StandingsModule],
  controllers: [CareersController],
  providers: [CareersService, CareersRepository],
})
export class CareersModule {}
