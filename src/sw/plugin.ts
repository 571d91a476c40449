import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * Emits `sw.js` next to index.html with the list of the build's files to precache (every chunk,
 * stylesheet and wasm file, and the public files other than the data sets), versioned by a hash of
 * that list. A plain file, same origin, so the page's Content-Security-Policy allows it.
 */
export function serviceWorker(): Plugin {
  return {
    name: 'reconlab-service-worker',
    apply: 'build',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => !f.endsWith('.map') && f !== 'index.html')
        .concat(['favicon.svg'])
        .sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 12);
      const source = readFileSync(fileURLToPath(new URL('./serviceWorker.js', import.meta.url)), 'utf8')
        .replace('const VERSION = __VERSION__;', `const VERSION = ${JSON.stringify(version)};`)
        .replace('const PRECACHE = __PRECACHE__;', `const PRECACHE = ${JSON.stringify(files.map((f) => `./${f}`))};`);
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}
