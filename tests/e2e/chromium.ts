import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/**
 * Finds a Chromium for the browser tests: Playwright's own if installed, else CHROMIUM_PATH, else
 * `chromium` (or `chromium-browser`, `google-chrome`) on the PATH. Says what to install otherwise.
 */
export function findChromium(): string {
  const own = safe(() => chromium.executablePath());
  if (own && existsSync(own)) return own;
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, which does not exist`);
  }
  for (const name of ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable']) {
    const found = safe(() => execFileSync('which', [name], { encoding: 'utf8' }).trim());
    if (found) return found;
  }
  throw new Error(
    'No Chromium found for the browser tests. Install one: `apt-get install -y chromium` (Debian/Ubuntu), ' +
      'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
  );
}

/** WebGPU in headless Chromium (SwiftShader where there is no GPU), no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
];

function safe(f: () => string): string | null {
  try {
    return f();
  } catch {
    return null;
  }
}
