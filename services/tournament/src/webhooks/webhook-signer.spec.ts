import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { WebhookSigner } from './webhook-signer';

describe('WebhookSigner (Standard Webhooks)', () => {
  const signer = new WebhookSigner();

  it("reproduces the specification's published example", () => {
    const headers = signer.sign(
      ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      new Date(1614265330 * 1000),
      '{"test": 2432232314}',
    );
    expect(headers).toEqual({
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
  });

  it('makes whsec_ secrets of 32 random bytes, different every time', () => {
    const [a, b] = [signer.newSecret(), signer.newSecret()];
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(a.slice(6), 'base64')).toHaveLength(32);
    expect(a).not.toBe(b);
  });

  it('signs with every secret given, space separated, each verifiable on its own', () => {
    const [current, previous] = [signer.newSecret(), signer.newSecret()];
    const at = new Date();
    const body = '{"type":"tournament.match.result_confirmed"}';
    const headers = signer.sign([current, previous], 'd1', at, body);
    const signatures = headers['webhook-signature'].split(' ');
    expect(signatures).toHaveLength(2);
    for (const [i, secret] of [current, previous].entries()) {
      const expected = createHmac('sha256', Buffer.from(secret.slice(6), 'base64'))
        .update(`d1.${headers['webhook-timestamp']}.${body}`)
        .digest('base64');
      expect(signatures[i]).toBe(`v1,${expected}`);
      expect(() => new Webhook(secret).verify(body, { ...headers })).not.toThrow();
    }
  });
});
