import { Module } from '@nestjs/common';
import { BalancingController } from './balancing.controller';
import { BalancingService } from './balancing.service';

@Module({ controllers: [BalancingController], providers: [BalancingService] })
export class BalancingModule {}
