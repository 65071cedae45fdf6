import { createHash, createHmac } from 'node:crypto';

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface QueryToSign {
  method: string;
  /** The path exactly as it will be sent (already URI-encoded; S3 signs it without re-encoding). */
  path: string;
  query: Record<string, string>;
  /** Lower-case names; every one of them is signed (the caller passes only the headers to sign and `host`). */
  headers: Record<string, string>;
  region: string;
  expiresIn: number;
  date: Date;
}

const MAX_EXPIRES_SECONDS = 7 * 24 * 3600;

/** RFC 3986 escaping, as SigV4 and @smithy/util-uri-escape do it. */
export function escapeUri(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * AWS Signature Version 4 for a presigned S3 request (query authentication, `UNSIGNED-PAYLOAD`), with
 * node:crypto directly. It computes what @smithy/signature-v4's `presign` computes (url-presigner.spec.ts
 * compares the URLs with the SDK's getSignedUrl) without that signer's per-call promise chain, header
 * maps and byte conversions. The derived key depends only on the day, region and secret and is reused.
 */
export class SigV4QuerySigner {
  private cachedKey: { scope: string; secret: string; key: Buffer } | undefined;

  /** The query of the signed URL (the request's own parameters, the X-Amz-* ones and the signature). */
  sign(request: QueryToSign, credentials: SigningCredentials): Record<string, string> {
    if (request.expiresIn > MAX_EXPIRES_SECONDS)
      throw new Error('presigned URLs may not expire after more than a week');
    const amzDate = request.date
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z')
      .replace(/[-:]/g, '');
    const day = amzDate.slice(0, 8);
    const scope = `${day}/${request.region}/s3/aws4_request`;
    const signedHeaders = Object.keys(request.headers).sort();
    const query: Record<string, string> = {
      ...request.query,
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD',
      'X-Amz-Credential': `${credentials.accessKeyId}/${scope}`,
      'X-Amz-Date': amzDate,
      'X-Amz-Expires': String(request.expiresIn),
      'X-Amz-SignedHeaders': signedHeaders.join(';'),
      ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
    };
    const canonicalQuery = Object.entries(query)
      .map(([name, value]) => [escapeUri(name), escapeUri(value)])
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([name, value]) => `${name}=${value}`)
      .join('&');
    const canonicalHeaders = signedHeaders
      .map((name) => `${name}:${request.headers[name].trim().replace(/\s+/g, ' ')}\n`)
      .join('');
    const canonicalRequest = [
      request.method,
      request.path,
      canonicalQuery,
      canonicalHeaders,
      signedHeaders.join(';'),
      'UNSIGNED-PAYLOAD',
    ].join('\n');
    const stringToSign = [
      'AWS4-HMAC-SHA256',
      amzDate,
      scope,
      createHash('sha256').update(canonicalRequest).digest('hex'),
    ].join('\n');
    const signature = createHmac('sha256', this.signingKey(scope, day, request.region, credentials.secretAccessKey))
      .update(stringToSign)
      .digest('hex');
    return { ...query, 'X-Amz-Signature': signature };
  }

  private signingKey(scope: string, day: string, region: string, secret: string): Buffer {
    const cached = this.cachedKey;
    if (cached && cached.scope === scope && cached.secret === secret) return cached.key;
    const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data).digest();
    const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, day), region), 's3'), 'aws4_request');
    this.cachedKey = { scope, secret, key };
    return key;
  }
}
