import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { LOCALES } from '../../profiles/profile-fields';

export class RegisterDto {
  @ApiProperty({ minLength: 3, maxLength: 32, pattern: '^[a-z0-9._-]+$' })
  @IsString()
  @Length(3, 32)
  @Matches(/^[a-z0-9._-]+$/, { message: 'username may contain only a-z, 0-9, dot, underscore and hyphen' })
  username!: string;

  @ApiProperty({ format: 'email', maxLength: 254 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email!: string;

  @ApiProperty({
    minLength: 10,
    maxLength: 128,
    description: 'At least a letter and a digit; not the username or e-mail',
  })
  @IsString()
  @Length(10, 128)
  password!: string;

  @ApiPropertyOptional({ enum: LOCALES, description: 'The profile language, and that of the verification e-mail' })
  @IsOptional()
  @IsIn(LOCALES)
  locale?: (typeof LOCALES)[number];
}

/**
 * The same whether or not the address already belongs to an account (that must not be learnt here), so it
 * carries no id: the client logs in to learn it.
 */
export class RegisteredDto {
  @ApiProperty() username!: string;
  @ApiProperty() email!: string;
  @ApiProperty({
    enum: ['sent'],
    description: 'An e-mail is on its way to the address: a verification link, or a notice if it is taken',
  })
  emailVerification!: 'sent';
}
