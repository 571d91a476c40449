import { existsSync, statSync } from 'node:fs';
import { syntheticDataset, TEXTURES, type TextureKind } from '../core/data/synthetic';
import type { Dataset } from '../core/data/types';
import { CliError } from './args';

export interface DataOptions {
  size: number;
  channels?: 1 | 3;
  seed: number;
}

/** Resolves `--data`: synthetic[:texture] or a folder in the MVTec AD layout. */
export async function loadDataSpec(spec: string, opts: DataOptions): Promise<Dataset> {
  if (spec === 'synthetic' || spec.startsWith('synthetic:')) {
    const texture = (spec.split(':')[1] ?? 'woven') as TextureKind;
    if (!TEXTURES.includes(texture)) throw new CliError(`unknown texture "${texture}" (use ${TEXTURES.join(', ')})`);
    return syntheticDataset({ texture, size: opts.size, channels: opts.channels ?? 3, seed: opts.seed });
  }
  if (!existsSync(spec)) throw new CliError(`data folder not found: ${spec}`);
  if (!statSync(spec).isDirectory()) throw new CliError(`--data must be a folder or "synthetic", got the file ${spec}`);
  throw new CliError(`folders are not supported yet: ${spec}`);
}
