/** Bytes that suffice for file-type to recognise every format the rules accept. */
export const SNIFF_BYTES = 4100;

/**
 * The real type of a file from its first bytes (magic numbers), never from what the client said.
 * file-type is ESM-only, so it is loaded with a dynamic import.
 */
export async function sniffContentType(head: Uint8Array): Promise<string | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  return (await fileTypeFromBuffer(head))?.mime;
}
