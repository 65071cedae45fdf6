import sharp from 'sharp';

/** A real JPEG of the given size with an EXIF orientation and GPS-like metadata to strip. */
export function jpeg(width = 800, height = 600): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } })
    .jpeg()
    .withMetadata({ orientation: 6, exif: { IFD0: { Copyright: 'secret-owner' } } })
    .toBuffer();
}

export function png(width = 300, height = 300): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 0, g: 90, b: 200, alpha: 1 } } })
    .png()
    .toBuffer();
}

/** Starts like a JPEG (so the type sniffs right) but the image data is garbage. */
export function corruptJpeg(): Buffer {
  const header = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
  return Buffer.concat([header, Buffer.alloc(2000, 0x5a)]);
}

/** The start of an ISO-BMFF (MP4) file followed by zeros: sniffs as video/mp4. */
export function mp4(size: number): Buffer {
  const file = Buffer.alloc(size);
  Buffer.from([0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x69, 0x73, 0x6f, 0x6d, 0, 0, 2, 0]).copy(file);
  Buffer.from('isomiso2mp41').copy(file, 16);
  return file;
}

export function pdf(): Buffer {
  return Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
}
