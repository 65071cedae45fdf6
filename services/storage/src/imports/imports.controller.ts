import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, RateLimit } from '@prodvor/platform';
import { CreateImportDto, ImportBatchDto } from './dto/import.dto';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@Authenticated()
@Controller('api/v1/imports')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @RateLimit({ limit: 10, ttlSeconds: 60 })
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: ImportBatchDto, description: 'Queued; poll GET for the per-file results' })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateImportDto): Promise<ImportBatchDto> {
    return this.imports.create(actor, dto);
  }

  @Get(':importId')
  @ApiOkResponse({ type: ImportBatchDto })
  get(@CurrentActor() actor: Actor, @Param('importId', ParseUUIDPipe) importId: string): Promise<ImportBatchDto> {
    return this.imports.get(actor, importId);
  }
}
