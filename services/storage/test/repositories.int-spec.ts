import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createPrismaClient, migrationsFor } from '@prodvor/platform';
import { createTestDatabase, type TestDatabase } from '@prodvor/testing';
import { TransactionRunner } from '../src/database/transaction-runner';
import { PrismaClient } from '../src/generated/prisma/client';
import { ImportsRepository } from '../src/imports/imports.repository';
import { StorageUsageRepository } from '../src/media/storage-usage.repository';
import { ShareLinksRepository } from '../src/share-links/share-links.repository';
import { type NewUpload, UploadsRepository } from '../src/uploads/uploads.repository';

// storage-service's raw SQL against a real, migrated throw-away database: the guarded quota upsert (alone and
// fused with the upload insert), the clamped release, the one-statement share-link download claim with its
// session upsert, and the per-user URL budget serialised by an advisory lock.
let db: TestDatabase;
let prisma: PrismaClient;
let transactions: TransactionRunner;
let usage: StorageUsageRepository;
let uploads: UploadsRepository;
let links: ShareLinksRepository;
let imports: ImportsRepository;

const PARALLEL = 8;

beforeAll(async () => {
  db = await createTestDatabase('storage', migrationsFor(join(__dirname, '../prisma/migrations')));
  prisma = createPrismaClient(PrismaClient, { databaseUrl: db.url, poolMax: PARALLEL });
  transactions = new TransactionRunner(prisma);
  usage = new StorageUsageRepository(prisma);
  uploads = new UploadsRepository(prisma);
  links = new ShareLinksRepository(prisma);
  imports = new ImportsRepository(prisma);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await db?.drop();
});

const inMinutes = (minutes: number, from = new Date()) => new Date(from.getTime() + minutes * 60_000);

function newUpload(ownerId: string, size: number, extra: Partial<NewUpload> = {}): NewUpload {
  const id = randomUUID();
  return {
    id,
    ownerId,
    purpose: 'match_photo',
    key: `staging/${ownerId}/${id}`,
    contentType: 'image/jpeg',
    size,
    mode: 'single',
    expiresAt: inMinutes(15),
    ...extra,
  };
}

describe('StorageUsageRepository.reserve (guarded upsert)', () => {
  it('creates the first row, adds to it, and refuses what would pass either limit', async () => {
    const owner = randomUUID();
    const limits = { bytes: 100, objects: 3 };
    expect(await usage.reserve(owner, 60, limits)).toBe(true);
    expect(await usage.reserve(owner, 40, limits)).toBe(true);
    expect(await usage.usage(owner)).toEqual({ bytes: 100, objects: 2 });
    expect(await usage.reserve(owner, 1, limits)).toBe(false);
    expect(await usage.reserve(owner, 0, limits)).toBe(true);
    expect(await usage.reserve(owner, 0, limits)).toBe(false);
    expect(await usage.usage(owner)).toEqual({ bytes: 100, objects: 3 });
  });

  it('refuses a first reservation that alone passes the limits, leaving no row', async () => {
    const [big, none] = [randomUUID(), randomUUID()];
    expect(await usage.reserve(big, 101, { bytes: 100, objects: 3 })).toBe(false);
    expect(await usage.reserve(none, 1, { bytes: 100, objects: 0 })).toBe(false);
    expect(await prisma.storageUsage.count({ where: { ownerId: { in: [big, none] } } })).toBe(0);
  });

  it('handles sizes past 2^31 (bigint, not int)', async () => {
    const owner = randomUUID();
    const limits = { bytes: 5 * 2 ** 30, objects: 10 };
    expect(await usage.reserve(owner, 3 * 2 ** 30, limits)).toBe(true);
    expect(await usage.reserve(owner, 2 * 2 ** 30, limits)).toBe(true);
    expect(await usage.reserve(owner, 1, limits)).toBe(false);
    expect(await usage.usage(owner)).toEqual({ bytes: 5 * 2 ** 30, objects: 2 });
  });

  it('never lets parallel reservations of a new owner pass the byte limit', async () => {
    const owner = randomUUID();
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, () => usage.reserve(owner, 30, { bytes: 100, objects: 100 })),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await usage.usage(owner)).toEqual({ bytes: 90, objects: 3 });
  });

  it('never lets parallel reservations pass the object limit', async () => {
    const owner = randomUUID();
    await usage.reserve(owner, 1, { bytes: 1000, objects: 5 });
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, () => usage.reserve(owner, 1, { bytes: 1000, objects: 5 })),
    );
    expect(results.filter(Boolean)).toHaveLength(4);
    expect(await usage.usage(owner)).toEqual({ bytes: 5, objects: 5 });
  });

  it('is undone with the transaction it ran in', async () => {
    const owner = randomUUID();
    await expect(
      transactions.run(async (tx) => {
        expect(await usage.reserve(owner, 10, { bytes: 100, objects: 5 }, tx)).toBe(true);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await usage.usage(owner)).toEqual({ bytes: 0, objects: 0 });
  });
});

describe('StorageUsageRepository.release (clamped)', () => {
  it('subtracts, never goes below zero, and ignores an owner with no row', async () => {
    const owner = randomUUID();
    const limits = { bytes: 100, objects: 5 };
    await usage.reserve(owner, 50, limits);
    await usage.reserve(owner, 20, limits);
    await usage.release(owner, 20, 1);
    expect(await usage.usage(owner)).toEqual({ bytes: 50, objects: 1 });
    await usage.release(owner, 80, 3);
    expect(await usage.usage(owner)).toEqual({ bytes: 0, objects: 0 });
    const stranger = randomUUID();
    await usage.release(stranger, 10, 1);
    expect(await prisma.storageUsage.count({ where: { ownerId: stranger } })).toBe(0);
  });

  it('keeps the total exact under parallel releases and reservations', async () => {
    const owner = randomUUID();
    const limits = { bytes: 10_000, objects: 100 };
    for (let i = 0; i < 10; i++) await usage.reserve(owner, 100, limits);
    await Promise.all([
      ...Array.from({ length: 5 }, () => usage.release(owner, 100, 1)),
      ...Array.from({ length: 5 }, () => usage.reserve(owner, 10, limits)),
    ]);
    expect(await usage.usage(owner)).toEqual({ bytes: 550, objects: 10 });
  });
});

describe('UploadsRepository.createReserving (reservation and upload in one statement)', () => {
  it('records the upload and reserves its bytes, or does neither', async () => {
    const owner = randomUUID();
    const limits = { bytes: 100, objects: 5 };
    const multipart = newUpload(owner, 70, { mode: 'multipart', multipartUploadId: 'mp-1', partSize: 5_242_880 });
    expect(await uploads.createReserving(multipart, limits)).toBe(true);
    expect(await uploads.find(multipart.id)).toMatchObject({
      ownerId: owner,
      purpose: 'match_photo',
      size: 70n,
      mode: 'multipart',
      multipartUploadId: 'mp-1',
      partSize: 5_242_880,
      status: 'pending',
      expiresAt: multipart.expiresAt,
    });
    const refused = newUpload(owner, 31);
    expect(await uploads.createReserving(refused, limits)).toBe(false);
    expect(await uploads.find(refused.id)).toBeNull();
    expect(await usage.usage(owner)).toEqual({ bytes: 70, objects: 1 });
  });

  it('keeps no reservation when the upload row cannot be inserted', async () => {
    const owner = randomUUID();
    const limits = { bytes: 100, objects: 5 };
    const first = newUpload(owner, 10);
    expect(await uploads.createReserving(first, limits)).toBe(true);
    await expect(uploads.createReserving(newUpload(owner, 20, { key: first.key }), limits)).rejects.toThrow();
    expect(await usage.usage(owner)).toEqual({ bytes: 10, objects: 1 });
  });

  it('never lets parallel presigns pass the object limit, and every success has its upload', async () => {
    const owner = randomUUID();
    const batch = Array.from({ length: PARALLEL }, () => newUpload(owner, 10));
    const results = await Promise.all(
      batch.map((upload) => uploads.createReserving(upload, { bytes: 1000, objects: 3 })),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await prisma.upload.count({ where: { ownerId: owner } })).toBe(3);
    expect(await usage.usage(owner)).toEqual({ bytes: 30, objects: 3 });
    const created = await uploads.pendingAmong(batch.map((upload) => upload.id));
    expect([...created].sort()).toEqual(
      batch
        .filter((_, i) => results[i])
        .map((upload) => upload.id)
        .sort(),
    );
  });
});

describe('the upload sweeper and completion', () => {
  it('selects only pending uploads past their deadline, oldest first and bounded', async () => {
    const owner = randomUUID();
    const now = new Date('2031-01-01T12:00:00Z');
    const limits = { bytes: 1000, objects: 10 };
    const older = newUpload(owner, 1, { expiresAt: inMinutes(-20, now) });
    const old = newUpload(owner, 1, { expiresAt: inMinutes(-10, now) });
    const finished = newUpload(owner, 1, { expiresAt: inMinutes(-30, now) });
    const live = newUpload(owner, 1, { expiresAt: inMinutes(10, now) });
    const atDeadline = newUpload(owner, 1, { expiresAt: now });
    for (const upload of [older, old, finished, live, atDeadline]) await uploads.createReserving(upload, limits);
    expect(await transactions.run((tx) => uploads.finish(tx, finished.id, 'aborted', now))).toBe(true);

    const mine = (list: { ownerId: string; id: string }[]) => list.filter((u) => u.ownerId === owner).map((u) => u.id);
    expect(mine(await uploads.expired(now, 1000))).toEqual([older.id, old.id]);
    expect(await uploads.expired(now, 1)).toHaveLength(1);
  });

  it('lets only one of completion, abort and sweep finish an upload, and never completes an expired one', async () => {
    const owner = randomUUID();
    const now = new Date();
    const limits = { bytes: 1000, objects: 10 };
    const live = newUpload(owner, 1);
    const late = newUpload(owner, 1, { expiresAt: inMinutes(-1, now) });
    await uploads.createReserving(live, limits);
    await uploads.createReserving(late, limits);
    const outcomes = await Promise.all(
      (['completed', 'aborted', 'expired'] as const).map((status) =>
        transactions.run((tx) => uploads.finish(tx, live.id, status, now)),
      ),
    );
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(await transactions.run((tx) => uploads.finish(tx, late.id, 'completed', now))).toBe(false);
    expect(await transactions.run((tx) => uploads.finish(tx, late.id, 'expired', now))).toBe(true);
    expect(await uploads.find(late.id)).toMatchObject({ status: 'expired' });
  });
});

describe('ShareLinksRepository.claimDownload', () => {
  async function newLink(fields: { expiresAt?: Date; maxDownloads?: number } = {}) {
    const mediaId = randomUUID();
    const ownerId = randomUUID();
    await prisma.media.create({
      data: {
        id: mediaId,
        ownerId,
        purpose: 'match_photo',
        key: `media/${mediaId}`,
        contentType: 'image/jpeg',
        size: 10n,
        status: 'ready',
      },
    });
    return links.create({
      id: randomUUID(),
      mediaId,
      createdBy: ownerId,
      tokenHash: randomUUID(),
      expiresAt: fields.expiresAt ?? inMinutes(60),
      maxDownloads: fields.maxDownloads ?? 3,
    });
  }

  it('counts a download and opens the client session', async () => {
    const now = new Date();
    const link = await newLink();
    expect(await links.claimDownload(link.tokenHash, 'client-a', now, inMinutes(5, now))).toBe(true);
    expect(await links.find(link.id)).toMatchObject({ downloads: 1 });
    expect(await links.hasSession(link.id, 'client-a', now)).toBe(true);
    expect(await links.hasSession(link.id, 'client-b', now)).toBe(false);
    expect(await links.hasSession(link.id, 'client-a', inMinutes(6, now))).toBe(false);
  });

  it('renews the session of a client counted again (ON CONFLICT), counting each claim', async () => {
    const now = new Date();
    const link = await newLink();
    expect(await links.claimDownload(link.tokenHash, 'client-a', now, inMinutes(5, now))).toBe(true);
    expect(await links.claimDownload(link.tokenHash, 'client-a', now, inMinutes(30, now))).toBe(true);
    expect(await links.find(link.id)).toMatchObject({ downloads: 2 });
    expect(await links.hasSession(link.id, 'client-a', inMinutes(20, now))).toBe(true);
    expect(await prisma.shareLinkSession.count({ where: { linkId: link.id } })).toBe(1);
  });

  it('refuses an unknown, expired (at the instant too), revoked or exhausted link and counts nothing', async () => {
    const now = new Date();
    const ends = inMinutes(5, now);
    expect(await links.claimDownload(randomUUID(), 'c', now, ends)).toBe(false);

    const expiring = await newLink({ expiresAt: now });
    expect(await links.claimDownload(expiring.tokenHash, 'c', now, ends)).toBe(false);
    expect(await links.claimDownload(expiring.tokenHash, 'c', inMinutes(-1, now), ends)).toBe(true);

    const revoked = await newLink();
    await links.revoke(revoked.id, now);
    expect(await links.claimDownload(revoked.tokenHash, 'c', now, ends)).toBe(false);

    const exhausted = await newLink({ maxDownloads: 1 });
    expect(await links.claimDownload(exhausted.tokenHash, 'a', now, ends)).toBe(true);
    expect(await links.claimDownload(exhausted.tokenHash, 'b', now, ends)).toBe(false);

    const counts = await prisma.shareLink.findMany({ where: { id: { in: [expiring.id, revoked.id, exhausted.id] } } });
    expect(counts.map((link) => link.downloads).sort()).toEqual([0, 1, 1]);
    expect(await links.hasSession(exhausted.id, 'b', now)).toBe(false);
  });

  it('lets exactly max_downloads of parallel claims through', async () => {
    const now = new Date();
    const link = await newLink({ maxDownloads: 3 });
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => links.claimDownload(link.tokenHash, `client-${i}`, now, inMinutes(5))),
    );
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await links.find(link.id)).toMatchObject({ downloads: 3 });
    expect(await prisma.shareLinkSession.count({ where: { linkId: link.id } })).toBe(3);
  });
});

describe('ImportsRepository.createWithinBudget (advisory lock per user)', () => {
  const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://example.org/${i}.jpg`);
  const batch = (requestedBy: string, n: number) => ({
    id: randomUUID(),
    requestedBy,
    purpose: 'match_photo' as const,
    urls: urls(n),
  });

  it('creates batches while the URLs in the window stay within the budget', async () => {
    const user = randomUUID();
    expect(await imports.createWithinBudget(batch(user, 3), 5, 3600)).toMatchObject({ requestedBy: user });
    expect(await imports.createWithinBudget(batch(user, 2), 5, 3600)).not.toBeNull();
    expect(await imports.createWithinBudget(batch(user, 1), 5, 3600)).toBeNull();
    expect(await imports.createWithinBudget(batch(randomUUID(), 5), 5, 3600)).not.toBeNull();
  });

  it('counts only batches inside the window, and frees the URLs of a deleted batch', async () => {
    const user = randomUUID();
    const old = await imports.createWithinBudget(batch(user, 4), 5, 3600);
    await prisma.importBatch.update({ where: { id: old!.id }, data: { createdAt: inMinutes(-61) } });
    const recent = await imports.createWithinBudget(batch(user, 4), 5, 3600);
    expect(recent).not.toBeNull();
    expect(await imports.createWithinBudget(batch(user, 2), 5, 3600)).toBeNull();
    await imports.delete(recent!.id);
    expect(await imports.createWithinBudget(batch(user, 5), 5, 3600)).not.toBeNull();
  });

  it('never lets parallel requests of one user overshoot the budget', async () => {
    const user = randomUUID();
    const results = await Promise.all(
      Array.from({ length: PARALLEL }, () => imports.createWithinBudget(batch(user, 2), 5, 3600)),
    );
    expect(results.filter((created) => created !== null)).toHaveLength(2);
    const stored = await prisma.importBatch.findMany({ where: { requestedBy: user } });
    expect(stored.reduce((sum, row) => sum + (Array.isArray(row.urls) ? row.urls.length : 0), 0)).toBe(4);
  });
});
