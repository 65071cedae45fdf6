import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { REGISTRATION_STATUSES, type RegistrationStatus } from '../registration.model';

export class RegisterTeamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  teamId!: string;

  @ApiPropertyOptional({
    minLength: 16,
    maxLength: 64,
    description: "A private tournament: the organizer's invite code (a wrong one is 404, as for a stranger)",
  })
  @IsOptional()
  @IsString()
  @Length(16, 64)
  inviteCode?: string;
}

export class ListRegistrationsQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ enum: REGISTRATION_STATUSES })
  @IsOptional()
  @IsIn(REGISTRATION_STATUSES)
  status?: RegistrationStatus;
}

export class RegistrationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tournamentId!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiPropertyOptional() teamName?: string;
  @ApiProperty({ enum: REGISTRATION_STATUSES }) status!: string;
  @ApiPropertyOptional() seed?: number;
  @ApiPropertyOptional() group?: string;
  @ApiPropertyOptional({ format: 'date-time' }) checkedInAt?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class RegistrationPageDto {
  @ApiProperty({ type: [RegistrationDto] }) items!: RegistrationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
