import { Injectable } from '@nestjs/common';
import { type Actor, AppConfig, DomainError, IdGenerator } from '@prodvor/platform';
import type { StorageConfig } from '../config/storage.config';
import type { ImportBatch } from './import-batch.model';
import { MediaJobsPublisher } from '../processing/media-jobs.publisher';
import type { CreateImportDto, ImportBatchDto, ImportResultDto } from './dto/import.dto';
import { ImportsRepository } from './imports.repository';

export const ImportErrors = {
  notFound: () => new DomainError('IMPORT_NOT_FOUND', 404, 'Import not found'),
  tooManyUrls: (max: number) => new DomainError('IMPORT_TOO_MANY_URLS', 422, `At most ${max} URLs per import`),
  rateLimited: (budget: number, windowSeconds: number) =>
    new DomainError(
      'IMPORT_RATE_LIMITED',
      429,
      `At most ${budget} URLs may be imported per ${windowSeconds} s; try again later`,
    ),
};

function toDto(batch: ImportBatch): ImportBatchDto {
  return {
    id: batch.id,
    purpose: batch.purpose,
    status: batch.status,
    urlCount: (batch.urls as string[]).length,
    ...(batch.results ? { results: batch.results as unknown as ImportResultDto[] } : {}),
    createdAt: batch.createdAt.toISOString(),
    completedAt: batch.completedAt?.toISOString() ?? null,
  };
}

/** Accepts a batch of URLs and queues one `media.import` job; the worker reports per-file results. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly imports: ImportsRepository,
    private readonly publisher: MediaJobsPublisher,
    private readonly config: AppConfig<StorageConfig>,
    private readonly ids: IdGenerator,
  ) {}

  async create(actor: Actor, dto: CreateImportDto): Promise<ImportBatchDto> {
    const max = this.config.get('IMPORT_MAX_URLS');
    if (dto.urls.length > max) throw ImportErrors.tooManyUrls(max);
    // Each URL is an outbound GET by the platform: the budget counts URLs, not requests.
    const budget = this.config.get('IMPORT_URLS_PER_WINDOW');
    const windowSeconds = this.config.get('IMPORT_URL_WINDOW_SECONDS');
    const batch = await this.imports.createWithinBudget(
      { id: this.ids.id(), requestedBy: actor.userId, purpose: dto.purpose, urls: dto.urls },
      budget,
      windowSeconds,
    );
    if (!batch) throw ImportErrors.rateLimited(budget, windowSeconds);
    try {
      await this.publisher.publish(
        'media.import',
        batch.id,
        { batchId: batch.id, requestedBy: actor.userId, purpose: dto.purpose, urls: dto.urls },
        actor.correlationId,
      );
    } catch (error) {
      // No job, no batch: the caller retries instead of waiting for results that never come.
      await this.imports.delete(batch.id);
      throw error;
    }
    return toDto(batch);
  }

  async get(actor: Actor, id: string): Promise<ImportBatchDto> {
    const batch = await this.imports.find(id);
    if (!batch || batch.requestedBy !== actor.userId) throw ImportErrors.notFound();
    return toDto(batch);
  }
}
