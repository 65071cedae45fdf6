import { Injectable } from '@nestjs/common';
import { AppConfig } from '@prodvor/platform';
import type { UserConfig } from '../config/user.config';
import type { MediaResult, Profile } from './profile.model';
import type { AvatarDto } from './dto/profile.dto';

interface StoredVariant {
  name: string;
  key: string;
  width: number;
  height: number;
}

/**
 * Shows a profile's avatar: pending until storage-service reports the processed variants of a
 * media object this user owns (a result for someone else's media is never shown).
 */
@Injectable()
export class AvatarPresenter {
  private readonly baseUrl: string | undefined;

  constructor(config: AppConfig<UserConfig>) {
    this.baseUrl = config.get('MEDIA_BASE_URL')?.replace(/\/+$/, '');
  }

  present(profile: Profile, result: MediaResult | null | undefined): AvatarDto | null {
    if (!profile.avatarMediaId) return null;
    if (!result || result.ownerId !== profile.id || result.mediaId !== profile.avatarMediaId) {
      return { mediaId: profile.avatarMediaId, status: 'pending', variants: [] };
    }
    if (result.status !== 'processed') return { mediaId: profile.avatarMediaId, status: 'failed', variants: [] };
    const variants = (result.variants as StoredVariant[]).map((v) => ({
      name: v.name,
      width: v.width,
      height: v.height,
      key: v.key,
      url: this.baseUrl ? `${this.baseUrl}/${v.key.split('/').map(encodeURIComponent).join('/')}` : null,
    }));
    return { mediaId: profile.avatarMediaId, status: 'ready', variants };
  }
}
