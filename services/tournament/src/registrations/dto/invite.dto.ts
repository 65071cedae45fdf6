import { ApiProperty } from '@nestjs/swagger';

export class InviteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tournamentId!: string;
  @ApiProperty({
    description: 'Shown once: a captain registers with it ({teamId, inviteCode}); only its hash is stored',
  })
  code!: string;
  @ApiProperty({ format: 'date-time', description: 'When registration closes' }) expiresAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
