import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class VerifyEmailDto {
  @ApiProperty({ description: 'The code from the verification e-mail (the `token` of its link)', maxLength: 256 })
  @IsString()
  @Length(1, 256)
  token!: string;
}

export class EmailVerifiedDto {
  @ApiProperty() username!: string;
  @ApiProperty() email!: string;
  @ApiProperty({ enum: [true] }) emailVerified!: true;
}

export class VerificationSentDto {
  @ApiProperty() email!: string;
  @ApiProperty({
    enum: ['sent'],
    description: 'An e-mail is on its way to the address (a link, or a notice if another account has it)',
  })
  emailVerification!: 'sent';
}
