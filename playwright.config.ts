import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './tests/e2e/chromium';

const PORT = 4319;

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
    command: `npx vite build --logLevel error && npx vite preview --host 127.0.0.1 --port ${PORT} --strictPort`,
    url: `http://127.0.0.1:${PORT}`,
    timeout: 240_000,
    reuseExistingServer: !process.env.CI,
  },
});
