import { GifReader } from 'omggif';
import { DataError, reasonOf } from '../errors';
import { flattenAlpha, type DecodedImage } from './image';

/** GIF through omggif: the first frame, drawn on the logical screen; transparent pixels become white. */
export function decodeGif(bytes: Uint8Array): DecodedImage {
  let reader: GifReader;
  try {
    reader = new GifReader(bytes);
  } catch (error) {
    const reason = reasonOf(error);
    throw new DataError(/block size/i.test(reason) ? 'truncated GIF (data ends early)' : `invalid GIF: ${reason}`);
  }
  if (reader.numFrames() === 0)
    throw new DataError(bytes[bytes.length - 1] === 0x3b ? 'GIF without any frame' : 'truncated GIF (data ends early)');
  const { width, height } = reader;
  const rgba = new Uint8Array(width * height * 4); // alpha 0 where the frame does not paint
  try {
    reader.decodeAndBlitFrameRGBA(0, rgba);
  } catch (error) {
    throw new DataError(`invalid GIF: ${reasonOf(error)}`);
  }
  const data = flattenAlpha(rgba, width * height, 3);
  return { width, height, channels: 3, data, format: 'gif', source: 'palette', bitDepth: 8 };
}
