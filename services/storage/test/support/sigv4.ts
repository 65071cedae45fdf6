import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';

function toBytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac('sha256', toBytes(secret)) : createHash('sha256');
  }

  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(toBytes(data));
  }

  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }

  reset(): void {
    throw new Error('not used');
  }
}

function amzDate(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)!;
  return new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`);
}

/**
 * Re-derives the SigV4 query signature S3 would expect for `url` when the request carries `headers`,
 * with the SDK's own signer (s3rver does not check signatures, so tests compare them directly).
 */
export async function rederiveSignature(
  url: string,
  method: string,
  headers: Record<string, string>,
  credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
): Promise<string> {
  const parsed = new URL(url);
  const query: Record<string, string> = {};
  const signedHeaders = parsed.searchParams.get('X-Amz-SignedHeaders')!.split(';');
  for (const [name, value] of parsed.searchParams) {
    if (name.startsWith('X-Amz-') && name !== 'X-Amz-Security-Token') continue;
    query[name] = value;
  }
  const signer = new SignatureV4({
    service: 's3',
    region: parsed.searchParams.get('X-Amz-Credential')!.split('/')[2],
    credentials,
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const request = {
    method,
    protocol: parsed.protocol,
    hostname: parsed.hostname,
    port: Number(parsed.port),
    path: parsed.pathname,
    query,
    headers: {
      host: parsed.host,
      // The SDK presigner sets this header (capitalised) and the signer hoists it into the query.
      'X-Amz-Content-Sha256': parsed.searchParams.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD',
      ...Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    },
  };
  const signed = await signer.presign(request, {
    signingDate: amzDate(parsed.searchParams.get('X-Amz-Date')!),
    expiresIn: Number(parsed.searchParams.get('X-Amz-Expires')),
    signableHeaders: new Set(signedHeaders),
  });
  return signed.query!['X-Amz-Signature'] as string;
}
