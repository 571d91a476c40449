/**
 * A data set as the lab keeps it: images already resized to the working size, stored as compact
 * bytes (row-major, channels last), with an optional binary mask (one byte per pixel, 0 or 1)
 * for anomalous test images.
 */
export type Split = 'train' | 'test';

export interface ImageRecord {
  id: string;
  /** File name or generated name, shown to the user (always rendered as text). */
  name: string;
  split: Split;
  /** 'good' for normal images, else the defect type (e.g. 'scratch', 'crack'). */
  label: string;
  /** size * size * channels bytes, 0..255. */
  pixels: Uint8Array;
  /** size * size bytes, 0/1; absent when no ground truth is known. */
  mask?: Uint8Array;
  /** Size before resizing, for statistics. */
  originalWidth?: number;
  originalHeight?: number;
}

export interface Dataset {
  id: string;
  name: string;
  /** Working resolution: images are size x size. */
  size: number;
  channels: 1 | 3;
  train: ImageRecord[];
  test: ImageRecord[];
}

export const isAnomalous = (r: ImageRecord): boolean => r.label !== 'good';
