import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { escapeUri, SigV4QuerySigner } from './sigv4-query';

/** What a presigned request is for: the SDK operation (its `x-id`), method, extra query and signed headers. */
export interface PresignSpec {
  operation: 'PutObject' | 'UploadPart' | 'GetObject';
  method: 'PUT' | 'GET';
  key: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  signableHeaders?: Set<string>;
  expiresIn: number;
}

interface BucketEndpoint {
  protocol: string;
  hostname: string;
  port: number | undefined;
  /** Path before the key: `/<bucket>` (path style) or empty (virtual-hosted). */
  basePath: string;
  region: string;
}

const PROBE_KEY = 'presign-probe';

/** The SDK's encoding of a greedy `{Key+}` label: each segment escaped, the slashes kept. */
function encodeKey(key: string): string {
  return key.split('/').map(escapeUri).join('/');
}

/**
 * Presigns S3 requests for one bucket without the SDK's per-call machinery. `getSignedUrl` clones the
 * client's middleware stack, resolves the endpoint rules, serializes the command and builds a new signer
 * (with an empty signing-key cache) on every call — most of a presign request's CPU in the profile. Here
 * the bucket's endpoint is resolved once, by the SDK itself (one `getSignedUrl` of a probe key), the
 * request is built as the SDK's serializer builds it (path `{Key+}`, `x-id`, the same headers) and signed
 * with SigV4QuerySigner. The URLs are the SDK's own: url-presigner.spec.ts compares them with
 * `getSignedUrl` for path-style and virtual-hosted endpoints.
 */
export class UrlPresigner {
  private readonly signer = new SigV4QuerySigner();
  private endpoint: Promise<BucketEndpoint> | undefined;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async presign(spec: PresignSpec, signingDate = new Date()): Promise<string> {
    const endpoint = await this.resolveEndpoint();
    const credentials = await this.client.config.credentials();
    const host = endpoint.port === undefined ? endpoint.hostname : `${endpoint.hostname}:${endpoint.port}`;
    const path = `${endpoint.basePath}/${encodeKey(spec.key)}`;
    const signed: Record<string, string> = { host };
    for (const [name, value] of Object.entries(spec.headers ?? {})) {
      if (spec.signableHeaders?.has(name)) signed[name] = value;
    }
    const query = this.signer.sign(
      {
        method: spec.method,
        path,
        query: { ...spec.query, 'x-id': spec.operation },
        headers: signed,
        region: endpoint.region,
        expiresIn: spec.expiresIn,
        date: signingDate,
      },
      credentials,
    );
    const search = Object.entries(query)
      .map(([name, value]) => `${escapeUri(name)}=${escapeUri(value)}`)
      .join('&');
    return `${endpoint.protocol}//${host}${path}?${search}`;
  }

  private resolveEndpoint(): Promise<BucketEndpoint> {
    if (this.endpoint) return this.endpoint;
    const resolving = getSignedUrl(this.client, new PutObjectCommand({ Bucket: this.bucket, Key: PROBE_KEY })).then(
      (probe) => {
        const url = new URL(probe);
        const suffix = `/${PROBE_KEY}`;
        if (!url.pathname.endsWith(suffix)) throw new Error(`unexpected presigned URL shape: ${url.pathname}`);
        const credential = url.searchParams.get('X-Amz-Credential')?.split('/');
        if (!credential || credential.length < 5) throw new Error('presigned URL without a credential scope');
        return {
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port ? Number(url.port) : undefined,
          basePath: url.pathname.slice(0, -suffix.length),
          region: credential[2],
        };
      },
    );
    // A failed resolution (credentials or region not loadable yet) is retried by the next call.
    resolving.catch(() => {
      if (this.endpoint === resolving) this.endpoint = undefined;
    });
    this.endpoint = resolving;
    return resolving;
  }
}
