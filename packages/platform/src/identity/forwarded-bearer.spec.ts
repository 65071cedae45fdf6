import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors';
import { forwardedBearer } from './forwarded-bearer';

const token = (payload: object) =>
  ['e30', Buffer.from(JSON.stringify(payload)).toString('base64url'), 'signature'].join('.');

describe('forwardedBearer', () => {
  it("forwards the caller's own bearer token", () => {
    const own = token({ sub: 'u1' });
    expect(forwardedBearer(`Bearer ${own}`, 'u1', 'call')).toBe(`Bearer ${own}`);
  });

  it.each([
    ['no header', undefined, 'No access token to call'],
    ['a repeated header', ['Bearer a.b.c', 'Bearer d.e.f'], 'No access token to call'],
    ['another scheme', 'Basic dTE6cHc=', 'No access token to call'],
    ["someone else's token", `Bearer ${token({ sub: 'u2' })}`, 'does not belong'],
    ['a token that is not a JWT', 'Bearer garbage', 'does not belong'],
  ])('refuses %s as 401', (_, header, message) => {
    const refusal = (() => {
      try {
        forwardedBearer(header, 'u1', 'call');
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).status).toBe(401);
    expect((refusal as DomainError).message).toContain(message);
  });
});
