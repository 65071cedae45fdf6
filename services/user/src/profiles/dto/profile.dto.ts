import { ApiProperty } from '@nestjs/swagger';
import type { Profile } from '../profile.model';
import { DOMINANT_FEET, LOCALES, POSITIONS } from '../profile-fields';

export class AvatarVariantDto {
  @ApiProperty() name!: string;
  @ApiProperty() width!: number;
  @ApiProperty() height!: number;
  @ApiProperty({ description: 'Object key in storage' }) key!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Set when MEDIA_BASE_URL is configured' })
  url!: string | null;
}

export class AvatarDto {
  @ApiProperty({ format: 'uuid' }) mediaId!: string;
  @ApiProperty({ enum: ['pending', 'ready', 'failed'] }) status!: 'pending' | 'ready' | 'failed';
  @ApiProperty({ type: [AvatarVariantDto] }) variants!: AvatarVariantDto[];
}

/** What anyone may see about a user. Never add private fields (email, birth year) here. */
export class PublicProfileDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) city!: string | null;
  @ApiProperty({ enum: POSITIONS, isArray: true }) preferredPositions!: string[];
  @ApiProperty({ enum: DOMINANT_FEET, nullable: true }) dominantFoot!: string | null;
  @ApiProperty({ type: Number, nullable: true }) skillLevel!: number | null;
  @ApiProperty({ type: String, nullable: true }) bio!: string | null;
  @ApiProperty({ type: AvatarDto, nullable: true }) avatar!: AvatarDto | null;

  static from(profile: Profile, avatar: AvatarDto | null): PublicProfileDto {
    return {
      id: profile.id,
      username: profile.username,
      displayName: profile.displayName,
      city: profile.city,
      preferredPositions: profile.preferredPositions,
      dominantFoot: profile.dominantFoot,
      skillLevel: profile.skillLevel,
      bio: profile.bio,
      avatar,
    };
  }
}

/** The owner's view: the public profile plus private fields. */
export class ProfileDto extends PublicProfileDto {
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ description: 'The address was proved (a verification link sent to it was opened)' })
  emailVerified!: boolean;
  @ApiProperty({ type: Number, nullable: true }) birthYear!: number | null;
  @ApiProperty({ enum: LOCALES }) locale!: string;
  @ApiProperty({ type: String, nullable: true, description: 'IANA time zone; null: UTC' }) timeZone!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) avatarMediaId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static fromOwn(profile: Profile, avatar: AvatarDto | null): ProfileDto {
    return {
      ...PublicProfileDto.from(profile, avatar),
      email: profile.email,
      emailVerified: profile.emailVerified,
      birthYear: profile.birthYear,
      locale: profile.locale,
      timeZone: profile.timeZone,
      avatarMediaId: profile.avatarMediaId,
      createdAt: profile.createdAt.toISOString(),
      updatedAt: profile.updatedAt.toISOString(),
    };
  }
}

export class PublicProfilePageDto {
  @ApiProperty({ type: [PublicProfileDto] }) items!: PublicProfileDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
