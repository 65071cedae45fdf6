import { ApiProperty } from '@nestjs/swagger';
import { type People, PersonDto } from '@prodvor/platform';
import type { JoinRequest } from '../join-request.model';

/** A join request; `userId`, `displayName` and `avatar` are the asking user's. */
export class JoinRequestDto extends PersonDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) teamId!: string;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ enum: ['pending', 'approved', 'rejected'] }) status!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) decidedAt!: string | null;

  static from(request: JoinRequest, people: People): JoinRequestDto {
    return {
      id: request.id,
      teamId: request.teamId,
      userId: request.userId,
      ...people.of(request.userId),
      message: request.message,
      status: request.status,
      createdAt: request.createdAt.toISOString(),
      decidedAt: request.decidedAt?.toISOString() ?? null,
    };
  }
}

export class JoinRequestPageDto {
  @ApiProperty({ type: [JoinRequestDto] }) items!: JoinRequestDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
