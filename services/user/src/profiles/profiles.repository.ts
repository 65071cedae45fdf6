import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type Prisma } from '../generated/prisma/client';
import type { MediaResult, Profile } from './profile.model';
import type { Tx } from '../database/transaction-runner';

export interface NewProfile {
  id: string;
  username: string;
  email?: string;
  emailVerified: boolean;
  locale?: string;
  displayName: string;
  createdAt: Date;
}

export type ProfileChanges = Partial<
  Pick<
    Profile,
    | 'displayName'
    | 'city'
    | 'birthYear'
    | 'preferredPositions'
    | 'dominantFoot'
    | 'skillLevel'
    | 'bio'
    | 'locale'
    | 'timeZone'
    | 'avatarMediaId'
  >
>;

export interface ProfileSearch {
  q?: string;
  city?: string;
  position?: string;
  afterId?: string;
  take: number;
}

@Injectable()
export class ProfilesRepository {
  constructor(@Inject(PrismaClient) private readonly prisma: PrismaClient) {}

  findById(id: string, db: Tx = this.prisma): Promise<Profile | null> {
    return db.profile.findUnique({ where: { id } });
  }

  /** Inserts unless a profile with this id exists (concurrent first requests); true when this call created it. */
  async createIfAbsent(tx: Tx, profile: NewProfile): Promise<boolean> {
    const { count } = await tx.profile.createMany({
      data: [{ ...profile, preferredPositions: [], updatedAt: profile.createdAt }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  create(tx: Tx, profile: NewProfile): Promise<Profile> {
    return tx.profile.create({ data: { ...profile, preferredPositions: [], updatedAt: profile.createdAt } });
  }

  update(tx: Tx, id: string, changes: ProfileChanges, at: Date): Promise<Profile> {
    return tx.profile.update({ where: { id }, data: { ...changes, updatedAt: at } });
  }

  /** The address is the account's own now (it opened a link sent there, or Keycloak says it is verified). */
  markEmailVerified(tx: Tx, id: string, email: string, at: Date): Promise<Profile> {
    return tx.profile.update({ where: { id }, data: { email, emailVerified: true, updatedAt: at } });
  }

  /** The address went to the account that proved it: another profile still naming it unverified drops it. */
  async dropUnverifiedEmail(tx: Tx, id: string, email: string, at: Date): Promise<void> {
    await tx.profile.updateMany({
      where: { id, email, emailVerified: false },
      data: { email: null, updatedAt: at },
    });
  }

  /** Removes everything user-service holds about the account (the role audit stays) and leaves a tombstone. */
  async deleteAccountData(tx: Tx, userId: string, at: Date): Promise<void> {
    await tx.notification.deleteMany({ where: { userId } });
    await tx.notificationPreference.deleteMany({ where: { userId } });
    await tx.device.deleteMany({ where: { userId } });
    await tx.webPushSubscription.deleteMany({ where: { userId } });
    await tx.emailVerification.deleteMany({ where: { userId } });
    await tx.mediaResult.deleteMany({ where: { ownerId: userId } });
    await tx.profile.deleteMany({ where: { id: userId } });
    await tx.deletedAccount.upsert({ where: { userId }, create: { userId, deletedAt: at }, update: {} });
  }

  async isDeleted(userId: string, db: Tx = this.prisma): Promise<boolean> {
    return (await db.deletedAccount.count({ where: { userId } })) > 0;
  }

  search(filter: ProfileSearch): Promise<Profile[]> {
    const where: Prisma.ProfileWhereInput = {
      ...(filter.q
        ? {
            OR: [
              { displayName: { contains: filter.q, mode: 'insensitive' } },
              { username: { contains: filter.q, mode: 'insensitive' } },
            ],
          }
        : {}),
      ...(filter.city ? { city: { equals: filter.city, mode: 'insensitive' } } : {}),
      ...(filter.position ? { preferredPositions: { has: filter.position } } : {}),
      ...(filter.afterId ? { id: { gt: filter.afterId } } : {}),
    };
    return this.prisma.profile.findMany({ where, orderBy: { id: 'asc' }, take: filter.take });
  }

  /** The processing result of a media object, only when `ownerId` owns it. */
  findMediaResult(mediaId: string, ownerId: string): Promise<MediaResult | null> {
    return this.prisma.mediaResult.findFirst({ where: { mediaId, ownerId } });
  }

  findMediaResults(pairs: { mediaId: string; ownerId: string }[]): Promise<MediaResult[]> {
    if (!pairs.length) return Promise.resolve([]);
    return this.prisma.mediaResult.findMany({ where: { OR: pairs } });
  }
}
