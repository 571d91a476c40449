import { syntheticDataset, TEXTURES, type TextureKind } from '../core/data/synthetic';
import type { Dataset } from '../core/data/types';
import { DataError } from '../core/data/errors';
import { CliError } from './args';
import { loadClassicDataset, parseClassicSpec } from './loadClassic';
import { loadFolderDataset } from './loadFolder';

export interface DataOptions {
  size?: number;
  channels?: 1 | 3;
  seed: number;
  log: (line: string) => void;
}

export const isClassicSpec = (spec: string): boolean => parseClassicSpec(spec) !== null;

/** Resolves `--data`: synthetic[:texture], mnist:<c>, fashion-mnist:<c>, or a folder / .zip in the MVTec AD layout. */
export async function loadDataSpec(spec: string, opts: DataOptions): Promise<Dataset> {
  try {
    if (spec === 'synthetic' || spec.startsWith('synthetic:')) {
      const texture = (spec.split(':')[1] ?? 'woven') as TextureKind;
      if (!TEXTURES.includes(texture)) throw new CliError(`unknown texture "${texture}" (use ${TEXTURES.join(', ')})`);
      return syntheticDataset({ texture, size: opts.size ?? 64, channels: opts.channels ?? 3, seed: opts.seed });
    }
    if (isClassicSpec(spec)) {
      return await loadClassicDataset(spec, { seed: opts.seed, size: opts.size ?? 28, channels: opts.channels ?? 1 });
    }
    const { dataset, rejected, missingMasks } = await loadFolderDataset(spec, {
      size: opts.size ?? 64,
      channels: opts.channels ?? 1,
      fit: 'stretch',
    });
    if (rejected.length) opts.log(`skipped ${rejected.length} file(s); first: ${rejected[0]!.path}: ${rejected[0]!.reason}`);
    if (missingMasks.length) opts.log(`${missingMasks.length} anomalous image(s) have no mask`);
    return dataset;
  } catch (err) {
    if (err instanceof DataError) throw new CliError(err.message);
    throw err;
  }
}
