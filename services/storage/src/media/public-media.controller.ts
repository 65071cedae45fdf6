import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiFoundResponse, ApiNotFoundResponse, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public, RateLimit } from '@prodvor/platform';
import type { FastifyReply } from 'fastify';
import { VariantNamePipe } from './dto/variant-name.pipe';
import { MediaService } from './media.service';

@ApiTags('media')
@Controller('api/v1/public-media')
export class PublicMediaController {
  constructor(private readonly media: MediaService) {}

  /** A stable link for pages to embed; it redirects to a short-lived presigned GET of the variant. */
  @Public()
  @RateLimit({ limit: 1200, ttlSeconds: 60 })
  @Get(':mediaId/:variant')
  @ApiParam({ name: 'variant', example: 'avatar-200' })
  @ApiFoundResponse({ description: 'Location: a presigned GET of the variant (cacheable for half its lifetime)' })
  @ApiNotFoundResponse({ description: 'MEDIA_NOT_FOUND: no such public variant' })
  async variant(
    @Param('mediaId', ParseUUIDPipe) mediaId: string,
    @Param('variant', VariantNamePipe) variant: string,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const { url, ttlSeconds } = await this.media.publicVariantUrl(mediaId, variant);
    // Browsers and CDNs may reuse the redirect while the presigned URL has at least half its life left.
    await reply.header('cache-control', `public, max-age=${Math.floor(ttlSeconds / 2)}`).redirect(url, 302);
  }
}
