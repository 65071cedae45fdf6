import { Controller, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, AppConfig, Authenticated, CurrentActor, RateLimit } from '@prodvor/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MediaDto } from '../media/dto/media.dto';
import { StreamUploadQueryDto } from './stream-upload.query.dto';
import type { StorageConfig } from '../config/storage.config';
import { StreamUploadService } from './stream-upload.service';
import { lingerAfterAnswer } from './lingering-close';

@ApiTags('uploads')
@Authenticated()
@Controller('api/v1/uploads/stream')
export class StreamUploadController {
  constructor(
    private readonly uploads: StreamUploadService,
    private readonly config: AppConfig<StorageConfig>,
  ) {}

  @RateLimit({ limit: 30, ttlSeconds: 60 })
  @Post()
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'One part named "file" with its Content-Type; the file is streamed, never buffered',
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } },
  })
  @ApiCreatedResponse({ type: MediaDto })
  async upload(
    @CurrentActor() actor: Actor,
    @Query() query: StreamUploadQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MediaDto> {
    // A stalled client must not hold the upload (and its S3 multipart) open forever. (Injected test
    // requests have no real socket.)
    const socket = typeof request.raw.socket?.setTimeout === 'function' ? request.raw.socket : undefined;
    const stalled = () => request.raw.destroy();
    socket?.setTimeout(this.config.get('STREAM_SOCKET_TIMEOUT_MS'), stalled);
    try {
      return await this.uploads.upload(actor, query.purpose, request.raw);
    } catch (error) {
      // The rest of a refused body is not read: close the connection after the answer, gently.
      void reply.header('connection', 'close');
      if (socket) lingerAfterAnswer(socket);
      throw error;
    } finally {
      // Given the callback, Node also removes the listener (a kept-alive socket must not collect them).
      socket?.setTimeout(0, stalled);
    }
  }
}
