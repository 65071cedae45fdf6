import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { type Actor, Authenticated, CurrentActor, Public, RateLimit } from '@prodvor/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';
import { CreateShareLinkDto, ShareLinkDto, ShareLinkListDto } from './dto/share-link.dto';
import { ShareLinksService } from './share-links.service';

@ApiTags('share-links')
@Authenticated()
@Controller('api/v1/share-links')
export class ShareLinksController {
  constructor(private readonly links: ShareLinksService) {}

  @Post()
  @ApiCreatedResponse({ type: ShareLinkDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateShareLinkDto): Promise<ShareLinkDto> {
    return this.links.create(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: ShareLinkListDto })
  async list(
    @CurrentActor() actor: Actor,
    @Query('mediaId', ParseUUIDPipe) mediaId: string,
  ): Promise<ShareLinkListDto> {
    return { items: await this.links.listForMedia(actor, mediaId) };
  }

  @Delete(':linkId')
  @HttpCode(204)
  @ApiNoContentResponse()
  async revoke(@CurrentActor() actor: Actor, @Param('linkId', ParseUUIDPipe) linkId: string): Promise<void> {
    await this.links.revoke(actor, linkId);
  }
}

@ApiTags('share-links')
@Controller('api/v1/share')
export class ShareDownloadsController {
  constructor(private readonly links: ShareLinksService) {}

  /** The token in the path is the capability: no identity needed. HEAD answers without counting. */
  @Public()
  @RateLimit({ limit: 600, ttlSeconds: 60 })
  @Get(':token')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file (206 with Content-Range for a Range request)' })
  async download(
    @Param('token') token: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const result = await this.links.download(token, request.headers.range, request.method === 'HEAD', {
      ip: request.ip,
      userAgent: request.headers['user-agent'],
    });
    void reply.status(result.status).headers(result.headers);
    // An empty stream, not an empty body: Fastify's HEAD handling keeps Content-Length for streams only.
    await reply.send(result.body ?? Readable.from([]));
  }
}
