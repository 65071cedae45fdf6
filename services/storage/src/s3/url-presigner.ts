import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl, S3RequestPresigner } from '@aws-sdk/s3-request-presigner';

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

/** The SDK's encoding of a greedy `{Key+}` label: each segment like encodeURIComponent, plus !'()*. */
function encodeKey(key: string): string {
  return key
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`),
    )
    .join('/');
}

/** Query-string escaping of @smithy/util-uri-escape (RFC 3986: also !'()*). */
function escapeQuery(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Presigns S3 requests for one bucket without the SDK's per-call machinery. `getSignedUrl` clones the
 * client's middleware stack, resolves the endpoint rules, serializes the command and builds a new signer
 * (with an empty signing-key cache) on every call — most of a presign request's CPU in the profile. Here
 * the bucket's endpoint is resolved once, by the SDK itself (one `getSignedUrl` of a probe key), and one
 * long-lived `S3RequestPresigner` (the SDK's signer, with its signing-key cache) signs the request built
 * as the SDK's serializer builds it (path `{Key+}`, `x-id`, the same headers). The URLs are the SDK's own:
 * url-presigner.spec.ts compares them with `getSignedUrl` for path-style and virtual-hosted endpoints.
 */
export class UrlPresigner {
  private readonly signer: S3RequestPresigner;
  private endpoint: Promise<BucketEndpoint> | undefined;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {
    this.signer = new S3RequestPresigner({ ...client.config, signingName: 's3', region: () => this.region() });
  }

  async presign(spec: PresignSpec, signingDate?: Date): Promise<string> {
    const endpoint = await this.resolveEndpoint();
    const host = endpoint.port === undefined ? endpoint.hostname : `${endpoint.hostname}:${endpoint.port}`;
    const signed = await this.signer.presign(
      {
        method: spec.method,
        protocol: endpoint.protocol,
        hostname: endpoint.hostname,
        port: endpoint.port,
        path: `${endpoint.basePath}/${encodeKey(spec.key)}`,
        query: { ...spec.query, 'x-id': spec.operation },
        headers: { ...spec.headers, host },
      },
      {
        expiresIn: spec.expiresIn,
        signingRegion: endpoint.region,
        signingService: 's3',
        ...(spec.signableHeaders ? { signableHeaders: spec.signableHeaders } : {}),
        ...(signingDate ? { signingDate } : {}),
      },
    );
    const query = Object.entries(signed.query ?? {})
      .flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v) =>
          v === null ? escapeQuery(name) : `${escapeQuery(name)}=${escapeQuery(v)}`,
        ),
      )
      .join('&');
    return `${endpoint.protocol}//${host}${signed.path}${query ? `?${query}` : ''}`;
  }

  private async region(): Promise<string> {
    return (await this.resolveEndpoint()).region;
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
