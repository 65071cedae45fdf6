import { Body, Controller, Delete, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, RateLimit } from '@prodvor/platform';
import { MediaDto } from '../media/dto/media.dto';
import { CreateUploadDto, UploadTicketDto } from './dto/create-upload.dto';
import { CompleteUploadDto, PresignedPartsDto, PresignPartsDto } from './dto/multipart.dto';
import { UploadCompletionService } from './upload-completion.service';
import { UploadsService } from './uploads.service';

@ApiTags('uploads')
@Authenticated()
@Controller('api/v1/uploads')
export class UploadsController {
  constructor(
    private readonly uploads: UploadsService,
    private readonly completion: UploadCompletionService,
  ) {}

  @RateLimit({ limit: 120, ttlSeconds: 60 })
  @Post()
  @ApiCreatedResponse({ type: UploadTicketDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateUploadDto): Promise<UploadTicketDto> {
    return this.uploads.create(actor, dto);
  }

  @Post(':uploadId/parts')
  @HttpCode(200)
  @ApiOkResponse({ type: PresignedPartsDto })
  parts(
    @CurrentActor() actor: Actor,
    @Param('uploadId', ParseUUIDPipe) uploadId: string,
    @Body() dto: PresignPartsDto,
  ): Promise<PresignedPartsDto> {
    return this.uploads.presignParts(actor, uploadId, dto.partNumbers);
  }

  @Post(':uploadId/complete')
  @HttpCode(200)
  @ApiOkResponse({ type: MediaDto })
  complete(
    @CurrentActor() actor: Actor,
    @Param('uploadId', ParseUUIDPipe) uploadId: string,
    @Body() dto: CompleteUploadDto,
  ): Promise<MediaDto> {
    return this.completion.complete(actor, uploadId, dto.parts);
  }

  @Delete(':uploadId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async abort(@CurrentActor() actor: Actor, @Param('uploadId', ParseUUIDPipe) uploadId: string): Promise<void> {
    await this.uploads.abort(actor, uploadId);
  }
}
