import { DomainError } from '@prodvor/platform';

export const UploadErrorCode = {
  NOT_FOUND: 'UPLOAD_NOT_FOUND',
  NOT_PENDING: 'UPLOAD_NOT_PENDING',
  EXPIRED: 'UPLOAD_EXPIRED',
  NOT_RECEIVED: 'UPLOAD_NOT_RECEIVED',
  OBJECT_CHANGED: 'UPLOAD_OBJECT_CHANGED',
  SIZE_MISMATCH: 'UPLOAD_SIZE_MISMATCH',
  NOT_MULTIPART: 'UPLOAD_NOT_MULTIPART',
  PARTS_INVALID: 'UPLOAD_PARTS_INVALID',
  MULTIPART_REQUIRED: 'UPLOAD_MULTIPART_REQUIRED',
  NOT_MULTIPART_FORM: 'UPLOAD_NOT_MULTIPART_FORM',
  FILE_MISSING: 'UPLOAD_FILE_MISSING',
  TOO_MANY_FILES: 'UPLOAD_TOO_MANY_FILES',
  STORAGE_FAILED: 'UPLOAD_STORAGE_FAILED',
  STREAMS_BUSY: 'UPLOAD_STREAMS_BUSY',
  TOO_SLOW: 'UPLOAD_TOO_SLOW',
} as const;

export const UploadErrors = {
  tooSlow: (bytesPerSecond: number) =>
    new DomainError(
      UploadErrorCode.TOO_SLOW,
      408,
      `The upload arrived slower than ${bytesPerSecond} bytes/s; send it faster or use a presigned upload`,
    ),
  notFound: () => new DomainError(UploadErrorCode.NOT_FOUND, 404, 'Upload not found'),
  notPending: (status: string) =>
    new DomainError(UploadErrorCode.NOT_PENDING, 409, `Upload is ${status}, it cannot be changed any more`),
  expired: () => new DomainError(UploadErrorCode.EXPIRED, 410, 'Upload expired; request a new one'),
  notReceived: () =>
    new DomainError(UploadErrorCode.NOT_RECEIVED, 409, 'The object has not been uploaded to storage yet'),
  objectChanged: () =>
    new DomainError(
      UploadErrorCode.OBJECT_CHANGED,
      409,
      'The object was uploaded again while it was being verified; complete again',
    ),
  sizeMismatch: (declared: number, actual: number) =>
    new DomainError(UploadErrorCode.SIZE_MISMATCH, 422, `Declared ${declared} bytes but ${actual} were uploaded`),
  notMultipart: () => new DomainError(UploadErrorCode.NOT_MULTIPART, 409, 'This upload is not a multipart upload'),
  partsInvalid: (detail: string) => new DomainError(UploadErrorCode.PARTS_INVALID, 422, detail),
  fileMissing: () => new DomainError(UploadErrorCode.FILE_MISSING, 400, 'The form has no "file" part'),
  tooManyFiles: () => new DomainError(UploadErrorCode.TOO_MANY_FILES, 400, 'Send exactly one file per request'),
  notMultipartForm: () =>
    new DomainError(UploadErrorCode.NOT_MULTIPART_FORM, 415, 'Send the file as multipart/form-data'),
  storageFailed: () => new DomainError(UploadErrorCode.STORAGE_FAILED, 503, 'Storage is unavailable, try again'),
  streamsBusy: () =>
    new DomainError(
      UploadErrorCode.STREAMS_BUSY,
      503,
      'Too many streaming uploads in progress, try again shortly or use a presigned upload',
    ),
};
