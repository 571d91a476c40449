import { expect, test } from '@playwright/test';

/**
 * Nothing leaves the machine: every request of a session (load, generate data, train, score) goes to
 * the page's own origin, and the Content-Security-Policy is in force without being violated.
 */
test('a whole session sends no request to another origin and violates no CSP rule', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  // Requests made by the worker are seen through the context as well.
  page.context().on('request', (r) => requests.push(r.url()));
  await page.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto('/?backend=wasm');
  expect(response!.headers()['content-security-policy']).toContain("default-src 'self'");
  await expect(page.getByTestId('backend')).toHaveText(/ · /);
  await page.getByLabel('Force a backend').selectOption('wasm');
  await expect(page.getByTestId('backend')).toHaveText(/^wasm · /);

  await page.getByLabel('Size', { exact: true }).selectOption('32');
  await page.getByLabel('Colour', { exact: true }).selectOption('1');
  await page.getByRole('button', { name: 'Generate data set' }).click();
  await expect(page.getByTestId('dataset-summary')).toContainText('32px, gray');
  await page.getByLabel('Base channels', { exact: true }).fill('8');
  await page.getByLabel('Epochs', { exact: true }).fill('1');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('image-auroc')).toHaveText(/^\d\.\d{3}$/);
  await expect(page.getByTestId('loss-plot').locator('.js-plotly-plot')).toBeVisible();

  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:'));
  expect(foreign).toEqual([]);
  expect(requests.length).toBeGreaterThan(3);
  expect(await page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations)).toEqual([]);
});
