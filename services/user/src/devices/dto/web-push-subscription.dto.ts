import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsNumber, IsOptional, IsString, IsUrl, Matches, MaxLength, ValidateNested } from 'class-validator';
import type { WebPushSubscription } from '../device.model';

export class WebPushKeysDto {
  @ApiProperty({ description: "The browser's P-256 ECDH public key (uncompressed point, base64url)", maxLength: 87 })
  @IsString()
  @Matches(/^BP?[A-Za-z0-9_-]{85,86}$/, { message: 'p256dh must be an uncompressed P-256 point in base64url' })
  p256dh!: string;

  @ApiProperty({ description: 'The 16-byte auth secret (base64url)', maxLength: 24 })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{22}(==)?$/, { message: 'auth must be 16 bytes in base64url' })
  auth!: string;
}

/** What `PushSubscription.toJSON()` gives in a browser (`expirationTime` may be sent and is ignored). */
export class CreateWebPushSubscriptionDto {
  @ApiProperty({ description: 'The push service URL (https)', maxLength: 2048 })
  @IsString()
  @MaxLength(2048)
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true, require_tld: false })
  endpoint!: string;

  @ApiProperty({ type: WebPushKeysDto })
  @ValidateNested()
  @Type(() => WebPushKeysDto)
  keys!: WebPushKeysDto;

  @ApiProperty({ required: false, type: Number, nullable: true, description: 'Ignored' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  expirationTime?: number | null;
}

export class WebPushSubscriptionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The push service origin (the full endpoint stays private)' }) origin!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(subscription: WebPushSubscription): WebPushSubscriptionDto {
    return {
      id: subscription.id,
      origin: new URL(subscription.endpoint).origin,
      createdAt: subscription.createdAt.toISOString(),
    };
  }
}

export class VapidPublicKeyDto {
  @ApiProperty({ description: 'The applicationServerKey a browser subscribes with (base64url)' })
  publicKey!: string;
}
