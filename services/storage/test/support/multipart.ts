export const BOUNDARY = 'prodvor-test-boundary';

export function formHead(contentType: string, field = 'file', filename = 'upload.bin'): Buffer {
  return Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
}

export const FORM_TAIL = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);

/** A complete multipart/form-data body with one file part. */
export function form(contentType: string, file: Buffer, field = 'file'): Buffer {
  return Buffer.concat([formHead(contentType, field), file, FORM_TAIL]);
}

export const FORM_CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
