import { eventually } from '@prodvor/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { TestUser } from './storage-app';

export interface Ticket {
  id: string;
  key: string;
  mode: 'single' | 'multipart';
  size: number;
  partSize?: number;
  partCount?: number;
  request?: { method: 'PUT'; url: string; headers: Record<string, string> };
}

export interface MediaBody {
  id: string;
  ownerId: string;
  purpose: string;
  status: 'processing' | 'ready' | 'failed';
  contentType: string;
  size: number;
  failureCode: string | null;
  durationMs?: number | null;
  videoCodec?: string | null;
  originalUrl?: string;
  variants: { name: string; width: number; height: number; bytes: number; url?: string }[];
}

/** HTTP helpers over `app.inject`, plus the client side of a presigned upload. */
export function storageApi(app: NestFastifyApplication) {
  const call = (
    user: TestUser | undefined,
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: user?.headers ?? {},
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });

  const api = {
    call,
    presign: (user: TestUser, purpose: string, contentType: string, size: number) =>
      call(user, 'POST', '/api/v1/uploads', { purpose, contentType, size }),
    async ticket(user: TestUser, purpose: string, contentType: string, size: number): Promise<Ticket> {
      const res = await api.presign(user, purpose, contentType, size);
      if (res.statusCode !== 201) throw new Error(`presign: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    /** PUTs the bytes to the presigned URL with the signed headers, as a client would. */
    async put(
      ticket: Ticket,
      body: Buffer,
      headers: Record<string, string> = ticket.request!.headers,
    ): Promise<number> {
      const res = await fetch(ticket.request!.url, { method: 'PUT', headers, body });
      await res.arrayBuffer();
      return res.status;
    },
    complete: (user: TestUser, uploadId: string, payload: unknown = {}) =>
      call(user, 'POST', `/api/v1/uploads/${uploadId}/complete`, payload),
    /** Presign, PUT and complete: the media record. */
    async upload(user: TestUser, purpose: string, contentType: string, body: Buffer): Promise<MediaBody> {
      const ticket = await api.ticket(user, purpose, contentType, body.length);
      const status = await api.put(ticket, body);
      if (status !== 200) throw new Error(`put: ${status}`);
      const res = await api.complete(user, ticket.id);
      if (res.statusCode !== 200) throw new Error(`complete: ${res.statusCode} ${res.body}`);
      return res.json();
    },
    media: (user: TestUser, mediaId: string) => call(user, 'GET', `/api/v1/media/${mediaId}`),
    /** The media once the worker is done with it (ready or failed), as `user` reads it. */
    async settled(user: TestUser, mediaId: string): Promise<MediaBody> {
      let media: MediaBody | undefined;
      await eventually(async () => {
        media = (await api.media(user, mediaId)).json<MediaBody>();
        return media.status !== 'processing';
      });
      return media!;
    },
  };
  return api;
}
