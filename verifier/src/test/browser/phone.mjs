// What the browser tests share: Chromium as a phone with a fake camera, and their small helpers.
import { chromium } from 'playwright-core';

export const env = (name) => {
  const v = process.env[name];
  if (!v) {
    throw new Error(`environment variable ${name} is not set`);
  }
  return v;
};

// Headless Chromium whose camera plays the Y4M video, in a phone-sized window; extraArgs are
// further Chromium switches.
export async function launchPhone(extraArgs = []) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${env('Y4M')}`,
      ...extraArgs,
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 412, height: 860 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'nl-NL',
  });
  return { browser, context };
}

export function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

// Runs one named step: prints "ok - name", or "not ok - name: why" and exits 1.
export function stepper(browser) {
  return async (name, fn) => {
    try {
      await fn();
      console.log(`ok - ${name}`);
    } catch (e) {
      console.log(`not ok - ${name}: ${e.message}`);
      await browser.close();
      process.exit(1);
    }
  };
}

// The verdict the page shows, once its banner is visible.
export async function verdictOf(page, timeout = 30000) {
  const banner = page.locator('.verdict');
  await banner.waitFor({ state: 'visible', timeout });
  return banner.getAttribute('data-verdict');
}
