// The page as a phone on the school's network reaches it: by a host name, not as localhost, where a
// browser allows the camera only over https. Started by VerifierPageIT with, in the environment:
//   HTTPS_URL, HTTP_URL (the same page from a verifier with its own certificate, and from one
//   without, both at the host name HOST), HOST, SPKI (base64 SHA-256 of the certificate's public
//   key, which Chromium is told to accept in place of a public CA), CHROMIUM, Y4M, VALID_PNG,
//   SCREENSHOTS.
// Prints one line per step; exits 1 on the first failure.
import { join } from 'node:path';
import { check, env, launchPhone, stepper, verdictOf } from './phone.mjs';

const shots = env('SCREENSHOTS');
const { browser, context } = await launchPhone([
  `--host-resolver-rules=MAP ${env('HOST')} 127.0.0.1`,
  `--ignore-certificate-errors-spki-list=${env('SPKI')}`,
]);
const step = stepper(browser);

// Plain http first: once the browser has seen the https page's HSTS header, it no longer asks
// this host name for http at all (the last step).
await step('over plain http by host name: no camera, a message saying why, upload works', async () => {
  const page = await context.newPage();
  await page.goto(env('HTTP_URL') + '/', { waitUntil: 'networkidle' });
  check(!(await page.evaluate(() => window.isSecureContext)), 'not a secure context');
  await page.click('#scan');
  await page.locator('#error').waitFor({ state: 'visible' });
  const message = await page.locator('#error').innerText();
  check(message.includes('https'), `the message names https: ${message}`);
  await page.screenshot({ path: join(shots, '08-http-host-no-camera.png'), fullPage: true });
  await page.setInputFiles('#file', env('VALID_PNG'));
  check((await verdictOf(page)) === 'valid', 'verdict valid after upload');
  await page.close();
});

await step('over https by host name: a secure context, and the camera scan shows green', async () => {
  const page = await context.newPage();
  const response = await page.goto(env('HTTPS_URL') + '/', { waitUntil: 'networkidle' });
  check(response.status() === 200, `status ${response.status()}`);
  check(
    (response.headers()['strict-transport-security'] || '').startsWith('max-age='),
    'Strict-Transport-Security header',
  );
  check(await page.evaluate(() => window.isSecureContext), 'the page is a secure context');
  await page.click('#scan');
  await page.waitForFunction(() => document.getElementById('video').videoWidth > 0, null, {
    timeout: 15000,
  });
  check((await verdictOf(page)) === 'valid', 'verdict valid');
  await page.screenshot({ path: join(shots, '09-https-host-camera-valid.png'), fullPage: true });
  await page.close();
});

await step('after one https visit the browser itself upgrades http to https (HSTS)', async () => {
  const page = await context.newPage();
  const plainUrl = env('HTTPS_URL').replace(/^https:/, 'http:') + '/';
  await page.goto(plainUrl, { waitUntil: 'networkidle' });
  check(page.url().startsWith('https://'), `still on ${page.url()}`);
  await page.close();
});

await browser.close();
