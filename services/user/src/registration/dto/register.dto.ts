import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, Matches, MaxLength } from 'class-validator';

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
}

export class RegisteredDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() email!: string;
}
