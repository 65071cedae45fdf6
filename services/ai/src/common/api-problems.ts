import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE } from '@prodvor/platform';

export class ProblemFieldErrorDto {
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

/** The platform filter's `application/problem+json` body. */
export class ProblemDto {
  @ApiProperty() type!: string;
  @ApiProperty() title!: string;
  @ApiProperty() status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ description: 'Stable error code, e.g. AI_QUOTA_EXCEEDED' }) code!: string;
  @ApiProperty() correlationId!: string;
  @ApiPropertyOptional({ type: [ProblemFieldErrorDto], description: 'The offending fields (400)' })
  errors?: ProblemFieldErrorDto[];
}

/** Documents a route's error answers (status → the codes it can carry) as problem+json bodies. */
export function ApiProblems(responses: Partial<Record<400 | 401 | 403 | 404 | 413 | 422 | 429 | 503, string>>) {
  return applyDecorators(
    ApiExtraModels(ProblemDto),
    ...Object.entries(responses).map(([status, description]) =>
      ApiResponse({
        status: Number(status),
        description,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
      }),
    ),
  );
}

export const UNAUTHENTICATED = 'UNAUTHENTICATED: no valid access token (Authorization: Bearer)';
export const TOO_LARGE = 'PAYLOAD_TOO_LARGE: body over 256 KB';
