// Headless Debian Chromium driven by playwright-core, for the browser tests of charts, the report
// and the explorer. Pages are opened with the network cut off (only file:// and, when a test
// allows it, one loopback origin), and every console error or page error is collected so a test
// can fail on it.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

// ctest treats this exit code as "skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt).
export const SKIP = 77;

const here = path.dirname(fileURLToPath(import.meta.url));
const webDir = path.resolve(here, '../../web');
export const chromiumPath = process.env.TOPICA_CHROMIUM || '/usr/bin/chromium';

/// playwright-core from web/node_modules (installed by scripts/install-deps), or null when absent.
function loadPlaywright() {
  try {
    return createRequire(path.join(webDir, 'package.json'))('playwright-core');
  } catch {
    return null;
  }
}

/// Exits with SKIP (and says why) when Chromium or playwright-core is missing.
export function requireBrowser() {
  const playwright = loadPlaywright();
  if (!existsSync(chromiumPath)) {
    console.log(`SKIP: ${chromiumPath} not found (apt install chromium)`);
    process.exit(SKIP);
  }
  if (!playwright) {
    console.log('SKIP: playwright-core not found in web/node_modules (run scripts/install-deps)');
    process.exit(SKIP);
  }
  return playwright;
}

/// Launches Chromium and returns { browser, open(url), errors }. Requests to anything but
/// file:// and `allowOrigin` (e.g. 'http://127.0.0.1:8123') are aborted and recorded as errors,
/// so a page that fetches from the network fails its test.
export async function launch({ allowOrigin = null } = {}) {
  const playwright = requireBrowser();
  const browser = await playwright.chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--use-angle=swiftshader',
           '--enable-unsafe-swiftshader'],
  });
  const errors = [];
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const allowed = url.startsWith('file://') || url.startsWith('data:') || url.startsWith('blob:') ||
                    (allowOrigin !== null && url.startsWith(allowOrigin));
    if (allowed) return route.continue();
    errors.push(`network request blocked: ${url}`);
    return route.abort();
  });
  async function open(url) {
    const page = await context.newPage();
    page.on('console', (msg) => { if (msg.type() === 'error') errors.push(`console: ${msg.text()}`); });
    page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
    await page.goto(url, { waitUntil: 'load' });
    return page;
  }
  return { browser, context, open, errors };
}

/// Fails the process with every collected error, or returns when there are none.
export function assertNoErrors(errors, what) {
  if (errors.length === 0) return;
  console.error(`FAIL ${what}:\n  ${errors.join('\n  ')}`);
  process.exit(1);
}
