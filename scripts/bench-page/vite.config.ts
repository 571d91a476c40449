import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { wasmThreadsScript } from '../../vite.config';

/**
 * Builds the benchmark page (scripts/bench-page) on its own, apart from the lab's build, into
 * dist-bench/. Served by `vite preview` with the lab's cross-origin isolation headers.
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  root,
  logLevel: 'warn',
  worker: { format: 'es', plugins: () => [wasmThreadsScript()] },
  build: { target: 'es2022', outDir: fileURLToPath(new URL('../../dist-bench', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 8000 },
  preview: { headers: isolation },
  server: { headers: isolation },
});
