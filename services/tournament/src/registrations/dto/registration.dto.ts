import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CursorPaginationQueryDto } from '@prodvor/platform';
import { IsIn, IsOptional, IsUUID } from 'class-validator';

export class RegisterTeamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  teamId!: string;
}

export class ListRegistrationsQueryDto extends CursorPaginationQueryDto {
  @ApiPropertyOptional({ enum: ['pending', 'approved', 'rejected', 'withdrawn'] })
  @IsOptional()
  @IsIn(['pending', 'approved', 'rejected', 'withdrawn'])
  status?: 'pending' | 'approved' | 'rejected' | 'withdrawn';
}

export class RegistrationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tournamentId!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiPropertyOptional() teamName?: string;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected', 'withdrawn'] }) status!: string;
  @ApiPropertyOptional() seed?: number;
  @ApiPropertyOptional() group?: string;
  @ApiPropertyOptional({ format: 'date-time' }) checkedInAt?: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class RegistrationPageDto {
  @ApiProperty({ type: [RegistrationDto] }) items!: RegistrationDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
