import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/**
 * Lets multipart bodies through unparsed: the streaming upload reads the raw request itself with
 * busboy, so nothing is buffered by Fastify (and its JSON body limit does not apply to them).
 */
@Injectable()
export class MultipartPassthrough implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    if (!fastify.hasContentTypeParser('multipart/form-data')) {
      fastify.addContentTypeParser('multipart/form-data', (_request, _payload, done) => done(null));
    }
  }
}
