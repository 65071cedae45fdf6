import { Module } from '@nestjs/common';
import { ReadReceiptsRepository } from './read-receipts.repository';
import { ReadReceiptsService } from './read-receipts.service';

@Module({ providers: [ReadReceiptsRepository, ReadReceiptsService], exports: [ReadReceiptsService] })
export class ReceiptsModule {}
