import { GetObjectCommand, PutObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { UrlPresigner } from './url-presigner';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };
const signingDate = new Date('2026-12-07T01:02:03Z');
const keys = [
  'originals/avatar/0193d2c4-0000-7000-8000-000000000001/0193d2c4-0000-7000-8000-000000000002',
  "staging/we ird/k+e=y&(1)!*'~.jpg",
  'media/юникод/日本/ключ',
];

function client(endpoint?: string): S3Client {
  return new S3Client({
    endpoint,
    region: 'eu-central-1',
    forcePathStyle: Boolean(endpoint),
    credentials,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The same URL: origin, path and every query parameter (their order carries no meaning). */
function parts(url: string) {
  const parsed = new URL(url);
  return { origin: parsed.origin, path: parsed.pathname, query: [...parsed.searchParams].sort() };
}

describe.each([
  ['path style (MinIO, s3rver)', 'http://127.0.0.1:9000'],
  ['path style on a default port', 'https://s3.example.test'],
  ['virtual-hosted (AWS)', undefined],
])('UrlPresigner, %s', (_name, endpoint) => {
  const s3 = client(endpoint);
  const presigner = new UrlPresigner(s3, 'prodvor-media');
  afterAll(() => s3.destroy());

  it.each(keys)('signs a PUT of %s exactly as getSignedUrl', async (key) => {
    const signableHeaders = new Set(['content-type', 'content-length']);
    const sdk = await getSignedUrl(
      s3,
      new PutObjectCommand({ Bucket: 'prodvor-media', Key: key, ContentType: 'image/jpeg', ContentLength: 123_456 }),
      { expiresIn: 900, signableHeaders, signingDate },
    );
    const ours = await presigner.presign(
      {
        operation: 'PutObject',
        method: 'PUT',
        key,
        headers: { 'content-type': 'image/jpeg', 'content-length': '123456' },
        signableHeaders,
        expiresIn: 900,
      },
      signingDate,
    );
    expect(parts(ours)).toEqual(parts(sdk));
  });

  it.each(keys)('signs an UploadPart and a GET of %s exactly as getSignedUrl', async (key) => {
    const signableHeaders = new Set(['content-length']);
    const sdkPart = await getSignedUrl(
      s3,
      new UploadPartCommand({
        Bucket: 'prodvor-media',
        Key: key,
        UploadId: 'up/load+id=',
        PartNumber: 7,
        ContentLength: 5_242_880,
      }),
      { expiresIn: 3600, signableHeaders, signingDate },
    );
    const ourPart = await presigner.presign(
      {
        operation: 'UploadPart',
        method: 'PUT',
        key,
        query: { partNumber: '7', uploadId: 'up/load+id=' },
        headers: { 'content-length': '5242880' },
        signableHeaders,
        expiresIn: 3600,
      },
      signingDate,
    );
    expect(parts(ourPart)).toEqual(parts(sdkPart));
    const sdkGet = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'prodvor-media', Key: key }), {
      expiresIn: 300,
      signingDate,
    });
    const ourGet = await presigner.presign({ operation: 'GetObject', method: 'GET', key, expiresIn: 300 }, signingDate);
    expect(parts(ourGet)).toEqual(parts(sdkGet));
  });
});
