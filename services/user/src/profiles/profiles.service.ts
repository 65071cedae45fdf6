import { Injectable } from '@nestjs/common';
import { type AccountActor, Clock, cursorAfter, EventPublisher, idCursor, type Page, toPage } from '@prodvor/platform';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import type { Profile } from './profile.model';
import { AvatarPresenter } from './avatar.presenter';
import { ProfileDto, PublicProfileDto } from './dto/profile.dto';
import type { SearchProfilesQueryDto } from './dto/search-profiles.query.dto';
import type { UpdateProfileDto } from './dto/update-profile.dto';
import { ProfileErrors } from './profile.errors';
import { ProfilesRepository, type ProfileChanges } from './profiles.repository';
import { PublicProfileCache } from './public-profile.cache';

export interface NewAccountProfile {
  userId: string;
  username: string;
  email?: string;
  emailVerified: boolean;
  locale?: string;
}

@Injectable()
export class ProfilesService {
  constructor(
    private readonly profiles: ProfilesRepository,
    private readonly transactions: TransactionRunner,
    private readonly events: EventPublisher,
    private readonly cache: PublicProfileCache,
    private readonly avatars: AvatarPresenter,
    private readonly clock: Clock,
  ) {}

  async me(actor: AccountActor): Promise<ProfileDto> {
    return this.ownView(await this.ensureProfile(actor));
  }

  async update(actor: AccountActor, dto: UpdateProfileDto): Promise<ProfileDto> {
    await this.ensureProfile(actor);
    const now = this.clock.now();
    if (dto.birthYear !== undefined && dto.birthYear !== null && dto.birthYear > now.getUTCFullYear()) {
      throw ProfileErrors.birthYearInFuture();
    }
    const changes: ProfileChanges = { ...dto };
    const profile = await this.transactions.run(async (tx) => {
      const updated = await this.profiles.update(tx, actor.userId, changes, now);
      await this.events.publish(
        tx,
        'user.profile.updated',
        {
          userId: updated.id,
          displayName: updated.displayName,
          ...(updated.city ? { city: updated.city } : {}),
          ...(updated.avatarMediaId ? { avatarMediaId: updated.avatarMediaId } : {}),
        },
        actor.correlationId,
      );
      return updated;
    });
    await this.cache.invalidate(actor.userId);
    return this.ownView(profile);
  }

  publicProfile(userId: string): Promise<PublicProfileDto> {
    return this.cache.get(userId, async () => {
      const profile = await this.profiles.findById(userId);
      if (!profile) throw ProfileErrors.notFound();
      return PublicProfileDto.from(profile, await this.avatarOf(profile));
    });
  }

  async search(query: SearchProfilesQueryDto): Promise<Page<PublicProfileDto>> {
    const afterId = cursorAfter(query.cursor, idCursor)?.id;
    const rows = await this.profiles.search({
      q: query.q,
      city: query.city,
      position: query.position,
      afterId,
      take: query.limit + 1,
    });
    const results = await this.profiles.findMediaResults(
      rows.filter((p) => p.avatarMediaId).map((p) => ({ mediaId: p.avatarMediaId!, ownerId: p.id })),
    );
    const byMedia = new Map(results.map((r) => [r.mediaId, r]));
    return toPage(
      rows,
      query.limit,
      (p) => ({ id: p.id }),
      (p) => PublicProfileDto.from(p, this.avatars.present(p, p.avatarMediaId ? byMedia.get(p.avatarMediaId) : null)),
    );
  }

  /**
   * The caller's profile, created just in time for an account made elsewhere (e.g. the Keycloak
   * console): that first sight is when the platform learns the account exists, so it is announced.
   * When the token says Keycloak verified an address the profile does not show as verified (an admin
   * set it in the console), the profile takes it: Keycloak's signed word is proof enough.
   */
  async ensureProfile(actor: AccountActor): Promise<Profile> {
    const existing = await this.profiles.findById(actor.userId);
    if (existing) return this.adoptVerifiedEmail(existing, actor);
    return this.transactions.run(async (tx) => {
      if (await this.profiles.isDeleted(actor.userId, tx)) throw ProfileErrors.deleted();
      await this.createProfile(
        tx,
        {
          userId: actor.userId,
          username: actor.username,
          email: actor.email,
          emailVerified: Boolean(actor.email && actor.emailVerified),
        },
        actor.correlationId,
      );
      const profile = await this.profiles.findById(actor.userId, tx);
      if (!profile) throw ProfileErrors.notFound();
      return profile;
    });
  }

  /**
   * Inserts a profile and its `user.registered` event; false when it already existed. The event carries the
   * address only when it is verified: an unproved address could be anyone's.
   */
  async createProfile(tx: Tx, account: NewAccountProfile, correlationId: string): Promise<boolean> {
    const { userId, username, email, emailVerified, locale } = account;
    const created = await this.profiles.createIfAbsent(tx, {
      id: userId,
      username,
      email,
      emailVerified,
      ...(locale ? { locale } : {}),
      displayName: username.slice(0, 80),
      createdAt: this.clock.now(),
    });
    if (created) {
      await this.events.publish(
        tx,
        'user.registered',
        { userId, username: username.slice(0, 64), ...(email && emailVerified ? { email } : {}) },
        correlationId,
      );
    }
    return created;
  }

  private async adoptVerifiedEmail(profile: Profile, actor: AccountActor): Promise<Profile> {
    const email = actor.emailVerified ? actor.email?.toLowerCase() : undefined;
    if (!email || (profile.emailVerified && profile.email === email)) return profile;
    return this.transactions.run(async (tx) => {
      const updated = await this.profiles.markEmailVerified(tx, profile.id, email, this.clock.now());
      await this.events.publish(tx, 'user.email_verified', { userId: profile.id, email }, actor.correlationId);
      return updated;
    });
  }

  private async ownView(profile: Profile): Promise<ProfileDto> {
    return ProfileDto.fromOwn(profile, await this.avatarOf(profile));
  }

  private async avatarOf(profile: Profile) {
    if (!profile.avatarMediaId) return null;
    return this.avatars.present(profile, await this.profiles.findMediaResult(profile.avatarMediaId, profile.id));
  }
}
