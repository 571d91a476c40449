import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { serviceWorker } from './src/sw/plugin';

/**
 * The built page may talk to nobody but its own origin: no CDN, no analytics, no eval. wasm needs
 * 'wasm-unsafe-eval' (compiling WebAssembly is not JavaScript eval); styles stay inline-capable for
 * React style props and plotly's injected rules. The dev server is left without it (Vite's HMR
 * preamble is an inline script).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'reconlab-csp',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' },
    ],
  };
}

/**
 * Cross-origin isolation (COOP + COEP) lets the wasm backend use threads (SharedArrayBuffer).
 * Static hosts must send the same two headers; see the README.
 */
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * tfjs's threaded wasm build starts each pthread worker from a Blob of its module factory's
 * source (`wasmFactoryThreadedSimd.toString()`). Once bundled and minified, that function refers
 * to names outside itself, and the worker fails ("e is not defined"). The lab serves Emscripten's
 * untouched factory script as an asset instead (src/worker/tfSetup.ts puts its URL on
 * `self.__reconlabWasmThreadedScript`); this rewrites tfjs's one line that builds the Blob to
 * use that URL when it is set.
 */
export function wasmThreadsScript(): Plugin {
  const blob = /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/;
  return {
    name: 'reconlab-wasm-threads-script',
    enforce: 'pre',
    transform(code, id) {
      if (!/tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/.test(id)) return null;
      if (!blob.test(code)) this.error('tfjs-backend-wasm changed: the threaded factory Blob was not found (see wasmThreadsScript in vite.config.ts)');
      return { code: code.replace(blob, (m) => `(self.__reconlabWasmThreadedScript ?? ${m})`), map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), serviceWorker()],
  server: { headers: isolation },
  preview: { headers: { ...isolation, 'Content-Security-Policy': CONTENT_SECURITY_POLICY } },
  // Worker bundles have their own plugin list; tfjs lives in the worker.
  worker: { format: 'es', plugins: () => [wasmThreadsScript()] },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
