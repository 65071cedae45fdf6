import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';
import { DomainError } from '../errors/domain-error';
import { inputHygieneProblem, MAX_INPUT_DEPTH, PlatformValidationPipe, undocumentedNull } from './input-hygiene';

class ProfileDto {
  @ApiProperty() @IsOptional() @IsString() displayName?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) @IsOptional() @IsString() bio?: string | null;
}

const deep = (depth: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < depth; i += 1) value = { a: value };
  return value;
};

describe('input hygiene', () => {
  it('refuses nesting beyond the limit without recursing (10 000 levels)', () => {
    expect(inputHygieneProblem(deep(MAX_INPUT_DEPTH - 1))).toBeUndefined();
    expect(inputHygieneProblem({ x: deep(10_000) })).toEqual({
      field: `x${'.a'.repeat(MAX_INPUT_DEPTH - 1)}`,
      message: `x${'.a'.repeat(MAX_INPUT_DEPTH - 1)} is nested deeper than ${MAX_INPUT_DEPTH} levels`,
    });
  });

  it('refuses NUL characters and unpaired surrogates in values and keys, accepts emoji', () => {
    expect(inputHygieneProblem({ name: 'a\u0000b' })).toEqual({
      field: 'name',
      message: 'name must not contain NUL characters',
    });
    expect(inputHygieneProblem({ tags: ['ok', 'x\ud800'] })?.field).toBe('tags[1]');
    expect(inputHygieneProblem({ 'k\u0000': 1 })?.message).toBe('a key of input must not contain NUL characters');
    expect(inputHygieneProblem('a\u0000', 'q')?.field).toBe('q');
    expect(inputHygieneProblem({ name: 'Дворовый ⚽ 😀' })).toBeUndefined();
    expect(inputHygieneProblem(Buffer.from([0, 0xd8]))).toBeUndefined();
  });

  it('refuses null where the documented schema is not nullable', () => {
    const dto = Object.assign(new ProfileDto(), { displayName: null, bio: null });
    expect(undocumentedNull(dto)).toEqual({ field: 'displayName', message: 'displayName must not be null' });
    expect(undocumentedNull(Object.assign(new ProfileDto(), { bio: null }))).toBeUndefined();
  });

  it('is what the global pipe checks before and after DTO validation', async () => {
    const pipe = new PlatformValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
    const body = { type: 'body' as const, metatype: ProfileDto };
    await expect(pipe.transform({ displayName: deep(10_000) }, body)).rejects.toBeInstanceOf(DomainError);
    await expect(pipe.transform({ displayName: null }, body)).rejects.toMatchObject({
      status: 400,
      errors: [{ field: 'displayName', message: 'displayName must not be null' }],
    });
    await expect(pipe.transform({ bio: null }, body)).resolves.toMatchObject({ bio: null });
    await expect(pipe.transform('a\u0000', { type: 'param', data: 'teamId', metatype: String })).rejects.toMatchObject({
      errors: [{ field: 'teamId' }],
    });
  });
});
