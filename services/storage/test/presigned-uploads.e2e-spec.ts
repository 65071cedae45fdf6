import { GetObjectCommand } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { PrismaClient } from '../src/generated/prisma/client';
import { MEDIA_RULES } from '../src/media/media-rules';
import { ObjectChangedError, ObjectStorage } from '../src/s3/object-storage';
import { UploadSweeper } from '../src/uploads/upload-sweeper';
import { keysUnder } from './support/s3-objects';
import { rederiveSignature } from './support/sigv4';
import { storageApi } from './support/storage-api';
import { BUCKET, newUser, startStorageApp, type StorageTestApp } from './support/storage-app';
import { jpeg, mp4, pdf, png } from './support/media-files';

const MiB = 1024 * 1024;

describe('presigned uploads', () => {
  let t: StorageTestApp;
  let api: ReturnType<typeof storageApi>;

  beforeAll(async () => {
    t = await startStorageApp({
      MULTIPART_THRESHOLD_BYTES: String(6 * MiB),
      MULTIPART_PART_SIZE_BYTES: String(5 * MiB),
    });
    api = storageApi(t.app);
  });

  afterAll(async () => {
    await t?.close();
  });

  const matrix = Object.entries(MEDIA_RULES).flatMap(([purpose, rule]) => [
    ...rule.contentTypes.map((type) => ({ purpose, type, size: rule.maxBytes, status: 201, code: undefined })),
    { purpose, type: rule.contentTypes[0], size: rule.maxBytes + 1, status: 413, code: 'MEDIA_TOO_LARGE' },
    { purpose, type: 'application/x-msdownload', size: 1000, status: 415, code: 'MEDIA_TYPE_NOT_ALLOWED' },
    { purpose, type: 'text/html', size: 1000, status: 415, code: 'MEDIA_TYPE_NOT_ALLOWED' },
    { purpose, type: rule.contentTypes[0], size: 0, status: 400, code: 'VALIDATION_FAILED' },
  ]);

  it.each(matrix)('$purpose: $type of $size bytes → $status', async ({ purpose, type, size, status, code }) => {
    const res = await api.presign(newUser(), purpose, type, size);
    expect(res.statusCode).toBe(status);
    if (code) expect(res.json()).toMatchObject({ code });
  });

  it('refuses images for videos and videos for avatars, an unknown purpose, and an anonymous caller', async () => {
    expect((await api.presign(newUser(), 'match_video', 'image/jpeg', 1000)).statusCode).toBe(415);
    expect((await api.presign(newUser(), 'avatar', 'video/mp4', 1000)).statusCode).toBe(415);
    expect((await api.presign(newUser(), 'wallpaper', 'image/jpeg', 1000)).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    expect((await api.call(undefined, 'POST', '/api/v1/uploads', { purpose: 'avatar' })).statusCode).toBe(401);
  });

  it('issues a key {purpose}/{ownerId}/{uuid} and a short-lived PUT to staging whose signature binds type and length', async () => {
    const user = newUser();
    const ticket = await api.ticket(user, 'avatar', 'image/jpeg', 12_345);
    expect(ticket.key).toBe(`avatar/${user.id}/${ticket.id}`);
    expect(ticket.mode).toBe('single');
    const url = new URL(ticket.request!.url);
    // The URL writes a staging object, never the media key: completion copies what it verified.
    expect(url.pathname).toBe(`/prodvor-media-test/staging/${ticket.id}`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    expect([...url.searchParams.keys()].some((k) => k.startsWith('x-amz-checksum'))).toBe(false);
    expect(ticket.request!.headers).toEqual({ 'Content-Type': 'image/jpeg', 'Content-Length': '12345' });

    const signature = url.searchParams.get('X-Amz-Signature');
    const signed = { 'content-type': 'image/jpeg', 'content-length': '12345' };
    expect(await rederiveSignature(ticket.request!.url, 'PUT', signed)).toBe(signature);
    // What S3 computes for a request with another type or length does not match: it answers 403.
    const otherType = await rederiveSignature(ticket.request!.url, 'PUT', { ...signed, 'content-type': 'text/html' });
    const otherSize = await rederiveSignature(ticket.request!.url, 'PUT', { ...signed, 'content-length': '99999999' });
    expect(otherType).not.toBe(signature);
    expect(otherSize).not.toBe(signature);
    expect(await rederiveSignature(ticket.request!.url, 'GET', signed)).not.toBe(signature);
  });

  it('completes a verified upload into a media record once, and queues it for processing', async () => {
    const user = newUser();
    const body = await jpeg(640, 480);
    const ticket = await api.ticket(user, 'avatar', 'image/jpeg', body.length);
    expect(await api.put(ticket, body)).toBe(200);
    const first = await api.complete(user, ticket.id);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      id: ticket.id,
      ownerId: user.id,
      purpose: 'avatar',
      contentType: 'image/jpeg',
      size: body.length,
    });
    const again = await api.complete(user, ticket.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(ticket.id);
    expect((await api.complete(newUser(), ticket.id)).statusCode).toBe(404);
  });

  it('rejects and deletes an upload whose bytes are not the declared type, and releases its quota', async () => {
    const user = newUser();
    const body = await jpeg(100, 100);
    const ticket = await api.ticket(user, 'avatar', 'image/png', body.length);
    expect((await api.call(user, 'GET', '/api/v1/media/usage')).json()).toMatchObject({
      bytes: body.length,
      objects: 1,
    });
    await api.put(ticket, body, { 'Content-Type': 'image/png', 'Content-Length': String(body.length) });
    const res = await api.complete(user, ticket.id);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'MEDIA_TYPE_MISMATCH' });
    expect(await keysUnder(t.s3Client, ticket.key)).toEqual([]);
    expect(await keysUnder(t.s3Client, `staging/${ticket.id}`)).toEqual([]);
    expect((await api.call(user, 'GET', '/api/v1/media/usage')).json()).toMatchObject({ bytes: 0, objects: 0 });
    expect((await api.complete(user, ticket.id)).json()).toMatchObject({ code: 'UPLOAD_NOT_PENDING' });
    expect((await api.media(user, ticket.id)).statusCode).toBe(404);
  });

  it('rejects a text file declared as a PDF attachment and a size that differs from the declared one', async () => {
    const user = newUser();
    const fake = Buffer.from('just text, not a pdf at all '.repeat(10));
    const ticket = await api.ticket(user, 'chat_attachment', 'application/pdf', fake.length);
    await api.put(ticket, fake);
    expect((await api.complete(user, ticket.id)).json()).toMatchObject({ code: 'MEDIA_TYPE_MISMATCH' });

    const real = pdf();
    const short = await api.ticket(user, 'chat_attachment', 'application/pdf', real.length + 10);
    await api.put(short, real, { 'Content-Type': 'application/pdf', 'Content-Length': String(real.length) });
    const res = await api.complete(user, short.id);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'UPLOAD_SIZE_MISMATCH' });
    expect(await keysUnder(t.s3Client, short.key)).toEqual([]);
    expect(await keysUnder(t.s3Client, `staging/${short.id}`)).toEqual([]);
  });

  it('answers 409 when completing before the object arrived, and lets the owner abort', async () => {
    const user = newUser();
    const body = await png();
    const ticket = await api.ticket(user, 'team_logo', 'image/png', body.length);
    expect((await api.complete(user, ticket.id)).json()).toMatchObject({ code: 'UPLOAD_NOT_RECEIVED' });
    await api.put(ticket, body);
    expect((await api.call(newUser(), 'DELETE', `/api/v1/uploads/${ticket.id}`)).statusCode).toBe(404);
    expect((await api.call(user, 'DELETE', `/api/v1/uploads/${ticket.id}`)).statusCode).toBe(204);
    expect(await keysUnder(t.s3Client, ticket.key)).toEqual([]);
    expect(await keysUnder(t.s3Client, `staging/${ticket.id}`)).toEqual([]);
    expect((await api.complete(user, ticket.id)).json()).toMatchObject({ code: 'UPLOAD_NOT_PENDING' });
  });

  it('uploads a large video in presigned parts whose signatures bind each part length', async () => {
    const user = newUser();
    const body = mp4(12 * MiB);
    const ticket = await api.ticket(user, 'match_video', 'video/mp4', body.length);
    expect(ticket).toMatchObject({ mode: 'multipart', partSize: 5 * MiB, partCount: 3 });
    expect(ticket.request).toBeUndefined();
    expect((await api.call(newUser(), 'POST', `/api/v1/uploads/${ticket.id}/parts`, {})).statusCode).toBe(404);
    const partsRes = await api.call(user, 'POST', `/api/v1/uploads/${ticket.id}/parts`, {});
    expect(partsRes.statusCode).toBe(200);
    const { parts } = partsRes.json<{ parts: { partNumber: number; size: number; url: string }[] }>();
    expect(parts.map((p) => p.size)).toEqual([5 * MiB, 5 * MiB, 2 * MiB]);
    const sig = new URL(parts[2].url).searchParams.get('X-Amz-Signature');
    expect(await rederiveSignature(parts[2].url, 'PUT', { 'content-length': String(2 * MiB) })).toBe(sig);
    expect(await rederiveSignature(parts[2].url, 'PUT', { 'content-length': String(3 * MiB) })).not.toBe(sig);
    expect((await api.call(user, 'POST', `/api/v1/uploads/${ticket.id}/parts`, { partNumbers: [4] })).statusCode).toBe(
      422,
    );

    const etags: { partNumber: number; etag: string }[] = [];
    let offset = 0;
    for (const part of parts) {
      const res = await fetch(part.url, { method: 'PUT', body: body.subarray(offset, offset + part.size) });
      expect(res.status).toBe(200);
      etags.push({ partNumber: part.partNumber, etag: res.headers.get('etag')! });
      offset += part.size;
    }
    expect((await api.complete(user, ticket.id, { parts: etags.slice(0, 2) })).json()).toMatchObject({
      code: 'UPLOAD_PARTS_INVALID',
    });
    const done = await api.complete(user, ticket.id, { parts: etags });
    expect(done.statusCode).toBe(200);
    // a match video waits for the worker's probe and poster (this one is no real video: it will fail there)
    expect(done.json()).toMatchObject({ status: 'processing', size: body.length, contentType: 'video/mp4' });
  });

  it('sweeps uploads never completed: object deleted, quota released, completion refused', async () => {
    const user = newUser();
    const body = await jpeg(50, 50);
    const ticket = await api.ticket(user, 'match_photo', 'image/jpeg', body.length);
    await api.put(ticket, body);
    expect(await t.app.get(UploadSweeper).sweep()).toBe(0);
    const later = new Date(Date.now() + 2 * 3600 * 1000);
    vi.spyOn(t.clock, 'now').mockReturnValue(later);
    expect(await t.app.get(UploadSweeper).sweep()).toBeGreaterThanOrEqual(1);
    vi.restoreAllMocks();
    expect(await keysUnder(t.s3Client, ticket.key)).toEqual([]);
    expect(await keysUnder(t.s3Client, `staging/${ticket.id}`)).toEqual([]);
    expect((await api.call(user, 'GET', '/api/v1/media/usage')).json()).toMatchObject({ bytes: 0, objects: 0 });
    expect((await api.complete(user, ticket.id)).json()).toMatchObject({ code: 'UPLOAD_NOT_PENDING' });
  });

  it('keeps the verified bytes when the URL is used again after completion (no sniff bypass)', async () => {
    const user = newUser();
    const body = await jpeg(120, 90);
    const ticket = await api.ticket(user, 'chat_attachment', 'image/jpeg', body.length);
    expect(await api.put(ticket, body)).toBe(200);
    expect((await api.complete(user, ticket.id)).statusCode).toBe(200);
    expect(await keysUnder(t.s3Client, `staging/${ticket.id}`)).toEqual([]);

    // Same type and length, so the signature still matches: S3 accepts it, but only into staging.
    const forged = Buffer.alloc(body.length, '<script>alert(1)</script>');
    expect(await api.put(ticket, forged)).toBe(200);
    expect((await objectBytes(t.s3Client, ticket.key)).equals(body)).toBe(true);
    expect((await api.complete(user, ticket.id)).json()).toMatchObject({ id: ticket.id, size: body.length });
    expect((await objectBytes(t.s3Client, ticket.key)).equals(body)).toBe(true);
    await t.app.get(UploadSweeper).sweep();
    expect(await keysUnder(t.s3Client, `staging/${ticket.id}`)).toEqual([]);
    expect((await objectBytes(t.s3Client, ticket.key)).equals(body)).toBe(true);
  });

  it('sweeps what a PUT writes after abort, rejection or a forgotten upload, and keeps pending ones', async () => {
    const user = newUser();
    const body = await png();
    const aborted = await api.ticket(user, 'team_logo', 'image/png', body.length);
    expect((await api.call(user, 'DELETE', `/api/v1/uploads/${aborted.id}`)).statusCode).toBe(204);
    const rejected = await api.ticket(user, 'team_logo', 'image/jpeg', body.length);
    await api.put(rejected, body);
    expect((await api.complete(user, rejected.id)).json()).toMatchObject({ code: 'MEDIA_TYPE_MISMATCH' });
    const forgotten = await api.ticket(user, 'team_logo', 'image/png', body.length);
    await t.app.get(PrismaClient).upload.deleteMany({ where: { id: forgotten.id } }); // as user.deleted does
    const pending = await api.ticket(user, 'team_logo', 'image/png', body.length);

    // Presign → abort → PUT, over and over, must not become storage nobody counts.
    for (const ticket of [aborted, rejected, forgotten, pending]) expect(await api.put(ticket, body)).toBe(200);
    await t.app.get(UploadSweeper).sweep();
    for (const ticket of [aborted, rejected, forgotten]) {
      expect(await keysUnder(t.s3Client, `staging/${ticket.id}`), ticket.id).toEqual([]);
      expect(await keysUnder(t.s3Client, ticket.key), ticket.id).toEqual([]);
    }
    expect(await keysUnder(t.s3Client, `staging/${pending.id}`)).toEqual([`staging/${pending.id}`]);
    expect((await api.complete(user, pending.id)).json()).toMatchObject({ id: pending.id, contentType: 'image/png' });
  });

  it('copies only the version it verified: an object replaced in between is refused, no copy left', async () => {
    const storage = t.app.get(ObjectStorage);
    const source = `staging/${randomUUID()}`;
    const destination = `avatar/${randomUUID()}/${randomUUID()}`;
    await storage.putSmall(source, await jpeg(10, 10), 'image/jpeg');
    const checked = (await storage.head(source))!;
    await storage.putSmall(source, Buffer.from('replaced'), 'image/jpeg');
    await expect(storage.readStart(source, 16, checked.etag)).rejects.toBeInstanceOf(ObjectChangedError);
    await expect(storage.copyVersion(source, destination, checked.etag!)).rejects.toBeInstanceOf(ObjectChangedError);
    expect(await keysUnder(t.s3Client, destination)).toEqual([]);
  });
});

async function objectBytes(client: StorageTestApp['s3Client'], key: string): Promise<Buffer> {
  const out = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}
