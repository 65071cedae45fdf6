import sharp from 'sharp';

/** Where the fixture says it was taken (Moscow, Luzhniki): what must not leak to other users. */
export const FIXTURE_GPS = {
  GPSLatitudeRef: 'N',
  GPSLatitude: '55/1 42/1 5364/100',
  GPSLongitudeRef: 'E',
  GPSLongitude: '37/1 33/1 1800/100',
};

/** A real camera-like JPEG: EXIF with a device, a time and a GPS position (IFD3 is the GPS IFD in libvips). */
export function jpegWithGps(width = 1600, height = 1200): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 40, g: 160, b: 60 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'YardCam', Model: 'Pitch 1' },
      IFD2: { DateTimeOriginal: '2026:11:28 10:15:00' },
      IFD3: FIXTURE_GPS,
    })
    .toBuffer();
}

/**
 * The GPS tag numbers in the image's EXIF (0x8825 points from IFD0 to the GPS IFD), `[]` when there is
 * no GPS IFD and `null` when there is no EXIF at all. A small TIFF reader, so the test needs no EXIF library.
 */
export async function gpsTagsOf(image: Buffer): Promise<number[] | null> {
  const { exif } = await sharp(image).metadata();
  if (!exif) return null;
  const tiff = exif.subarray(exif.toString('latin1', 0, 4) === 'Exif' ? 6 : 0);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd0 = u32(4);
  for (let i = 0; i < u16(ifd0); i += 1) {
    const entry = ifd0 + 2 + i * 12;
    if (u16(entry) !== 0x8825) continue;
    const gps = u32(entry + 8);
    return Array.from({ length: u16(gps) }, (_, j) => u16(gps + 2 + j * 12));
  }
  return [];
}
