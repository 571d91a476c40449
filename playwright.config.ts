import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/e2e/chromium';

// E2E_PORT lets two checkouts (or two people) run the suite side by side; each gets its own build folder.
const PORT = Number(process.env.E2E_PORT ?? 4319);
const OUT_DIR = PORT === 4319 ? 'dist' : `dist-e2e-${PORT}`;

export default defineConfig({
  testDir: 'tests/e2e',
  // Software WebGPU is slow: each test trains tiny models for a few steps, one test at a time.
  timeout: 300_000,
  expect: { timeout: 120_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
    viewport: { width: 1400, height: 1000 },
    trace: 'off',
  },
  webServer: {
    command: `npx vite build --logLevel error --outDir ${OUT_DIR} && npx vite preview --outDir ${OUT_DIR} --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
  },
});
