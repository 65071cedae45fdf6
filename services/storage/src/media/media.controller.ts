import { Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, type Page } from '@prodvor/platform';
import { ListMediaQueryDto } from './dto/list-media.query.dto';
import { MediaDto, MediaListDto, StorageUsageDto } from './dto/media.dto';
import { MediaService } from './media.service';

@ApiTags('media')
@Authenticated()
@Controller('api/v1/media')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Get()
  @ApiOkResponse({ type: MediaListDto, description: "The caller's own media, newest first" })
  list(@CurrentActor() actor: Actor, @Query() query: ListMediaQueryDto): Promise<Page<MediaDto>> {
    return this.media.listOwn(actor, query.limit, query.cursor, query.purpose);
  }

  @Get('usage')
  @ApiOkResponse({ type: StorageUsageDto })
  usage(@CurrentActor() actor: Actor): Promise<StorageUsageDto> {
    return this.media.usageOf(actor);
  }

  @Get(':mediaId')
  @ApiHeader({
    name: 'x-media-grant',
    required: false,
    description: "A chat media grant for this media and the caller (chat's GET …/messages/{messageId}/attachments)",
  })
  @ApiOkResponse({ type: MediaDto })
  get(
    @CurrentActor() actor: Actor,
    @Param('mediaId', ParseUUIDPipe) mediaId: string,
    @Headers('x-media-grant') grant?: string,
  ): Promise<MediaDto> {
    return this.media.get(actor, mediaId, grant);
  }

  @Delete(':mediaId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async delete(@CurrentActor() actor: Actor, @Param('mediaId', ParseUUIDPipe) mediaId: string): Promise<void> {
    await this.media.delete(actor, mediaId);
  }
}
