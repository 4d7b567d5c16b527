/**
 * Pictures chosen from a file (a member's photo, a product's image) are
 * shrunk to at most 256 px and stored inline as a JPEG data URL, so that the
 * database and every backup stay small and the till never loads a 5 MB photo.
 */

/** Longest side of a stored picture, in pixels. */
export const MAX_IMAGE_SIDE = 256;
/** Matches imageDataUrl in shared/schemas/common.ts. */
export const MAX_DATA_URL_LENGTH = 400_000;
/** Tried in order until the data URL is small enough. */
export const JPEG_QUALITIES: readonly number[] = [0.85, 0.7, 0.5, 0.35];

/** An image refused for a reason the user can act on; `key` is an i18n key. */
export class ImageFileError extends Error {
  constructor(readonly key: 'err.image' | 'err.imageTooBig') {
    super(key);
    this.name = 'ImageFileError';
  }
}

/**
 * The size to draw an image at: scaled down (never up) so that its longest
 * side is at most `max`, keeping its proportions, whole pixels, at least 1.
 */
export function fitWithin(width: number, height: number, max = MAX_IMAGE_SIDE): { width: number; height: number } {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height))) {
    throw new ImageFileError('err.image');
  }
  const scale = Math.min(1, max / Math.max(width, height));
  return {
    width: Math.max(1, Math.min(max, Math.round(width * scale))),
    height: Math.max(1, Math.min(max, Math.round(height * scale))),
  };
}

/** The first encoding (best quality first) that fits under `limit` characters, or null. */
export function firstThatFits(encode: (quality: number) => string, limit = MAX_DATA_URL_LENGTH, qualities = JPEG_QUALITIES): string | null {
  for (const quality of qualities) {
    const url = encode(quality);
    if (url.length <= limit) return url;
  }
  return null;
}

/**
 * Decodes an image file, draws it at most 256 px on a white background
 * (transparent PNGs would turn black in JPEG) and returns a JPEG data URL.
 * Browser only. Throws ImageFileError when the file is not a readable image.
 */
export async function resizeImageFile(file: Blob, max = MAX_IMAGE_SIDE): Promise<string> {
  let bitmap: ImageBitmap;
  try {
    // Honours the EXIF orientation of phone photos.
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageFileError('err.image');
  }
  try {
    const { width, height } = fitWithin(bitmap.width, bitmap.height, max);
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new ImageFileError('err.image');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bitmap, 0, 0, width, height);
    const url = firstThatFits((q) => canvas.toDataURL('image/jpeg', q));
    if (url === null || !url.startsWith('data:image/jpeg;base64,')) throw new ImageFileError('err.imageTooBig');
    return url;
  } finally {
    bitmap.close();
  }
}
