import type { IncomingHttpHeaders } from 'node:http';

/** Headers that carry identity downstream; a client must never be able to set them. */
export function isIdentityHeader(name: string): boolean {
  const n = name.toLowerCase();
  return (
    n === 'x-userinfo' ||
    n === 'x-authenticated-userid' ||
    n === 'x-anonymous-consumer' ||
    n.startsWith('x-consumer-') ||
    n.startsWith('x-credential-')
  );
}

/** Step 1 of the contract, on every route: remove whatever the client sent. */
export function stripIdentityHeaders(headers: IncomingHttpHeaders): void {
  for (const name of Object.keys(headers)) {
    if (isIdentityHeader(name)) delete headers[name];
  }
}

/**
 * Step 2, only after a token was verified: the same values the kong.yaml post-function sets —
 * X-Userinfo is base64 of the token's JSON payload, X-Authenticated-Userid its `sub`.
 */
export function setIdentityHeaders(headers: IncomingHttpHeaders, payloadJson: string, sub: string): void {
  headers['x-userinfo'] = Buffer.from(payloadJson, 'utf8').toString('base64');
  headers['x-authenticated-userid'] = sub;
}
