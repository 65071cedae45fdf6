import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateIf,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { DOMINANT_FEET, isIanaTimeZone, LOCALES, MIN_BIRTH_YEAR, POSITIONS } from '../profile-fields';

@ValidatorConstraint({ name: 'ianaTimeZone' })
class IanaTimeZoneConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isIanaTimeZone(value);
  }

  defaultMessage(): string {
    return 'timeZone must be an IANA time zone such as Europe/Moscow';
  }
}

/**
 * The only fields a user may change on their profile. Anything else (id, username, email, roles)
 * is refused with 400 by the whitelisting validation pipe. `null` clears an optional field.
 */
export class UpdateProfileDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 80 })
  @IsOptional()
  @IsString()
  @Length(1, 80)
  displayName?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 80 })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @IsString()
  @Length(1, 80)
  city?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: MIN_BIRTH_YEAR })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @IsInt()
  @Min(MIN_BIRTH_YEAR)
  @Max(9999)
  birthYear?: number | null;

  @ApiPropertyOptional({ enum: POSITIONS, isArray: true, maxItems: POSITIONS.length })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(POSITIONS.length)
  @IsIn(POSITIONS, { each: true })
  preferredPositions?: string[];

  @ApiPropertyOptional({ enum: DOMINANT_FEET, nullable: true })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @IsIn(DOMINANT_FEET)
  dominantFoot?: string | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 1, maximum: 10 })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @IsInt()
  @Min(1)
  @Max(10)
  skillLevel?: number | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000 })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(1000)
  bio?: string | null;

  @ApiPropertyOptional({ enum: LOCALES })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 64,
    example: 'Europe/Moscow',
    description: 'IANA time zone notification times are shown in; null: UTC',
  })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @IsString()
  @Validate(IanaTimeZoneConstraint)
  timeZone?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'A media object the caller owns' })
  @ValidateIf((_o, value) => value !== null && value !== undefined)
  @IsUUID()
  avatarMediaId?: string | null;
}
