// Drives the verifier page in headless Chromium with a fake camera that shows a QR code.
// Started by VerifierPageIT, which runs the verifier and a test issuer and passes, in the environment:
//   BASE_URL, CHROMIUM, Y4M (fake camera video), VALID_PNG, REVOKED_PNG, BLANK_PNG, VALID_TEXT,
//   UNTRUSTED_TEXT (files),
//   SCREENSHOTS (directory), EXPECT_TITLE, EXPECT_SKILL.
// Prints one line per step; exits 1 on the first failure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check, env, launchPhone, stepper, verdictOf } from './phone.mjs';

const base = env('BASE_URL');
const shots = env('SCREENSHOTS');
const title = env('EXPECT_TITLE');
const skill = env('EXPECT_SKILL');

const { browser, context } = await launchPhone();
const step = stepper(browser);
const consoleErrors = [];

async function newPage() {
  const page = await context.newPage();
  page.on('console', (m) => {
    // A 422 for a camera frame without a QR code is expected; Chromium logs every 4xx fetch.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
      consoleErrors.push(m.text());
    }
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(base + '/', { waitUntil: 'networkidle' });
  return page;
}

async function expectCredentialShown(page) {
  const text = await page.locator('#result').innerText();
  check(text.includes(title), `result does not show the title '${title}':\n${text}`);
  check(text.includes(skill), `result does not show the skill '${skill}':\n${text}`);
  check(/NLQF 6/.test(text) && /EQF 6/.test(text), `result does not show the levels:\n${text}`);
}

await step('page loads in Dutch with three ways in', async () => {
  const page = await newPage();
  check((await page.locator('h1').innerText()) === 'Controleer een leerbewijs', 'Dutch heading');
  for (const id of ['#scan', '#upload-label', '#paste-toggle']) {
    check(await page.locator(id).isVisible(), `${id} visible`);
  }
  check((await page.locator('#result').getAttribute('aria-live')) === 'polite', 'aria-live result');
  await page.screenshot({ path: join(shots, '01-start.png'), fullPage: true });
  await page.close();
});

await step('camera scan shows the green verdict with title and skills', async () => {
  const page = await newPage();
  await page.click('#scan');
  await page.locator('#camera').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.getElementById('video').videoWidth > 0, null, {
    timeout: 15000,
  });
  await page.screenshot({ path: join(shots, '02-camera.png') });
  check((await verdictOf(page)) === 'valid', 'verdict valid');
  await expectCredentialShown(page);
  check(await page.locator('#camera').isHidden(), 'camera stopped after the QR was found');
  const tracks = await page.evaluate(() => {
    const v = document.getElementById('video');
    return v.srcObject ? v.srcObject.getTracks().filter((t) => t.readyState === 'live').length : 0;
  });
  check(tracks === 0, 'no live camera track after the scan');
  const focused = await page.evaluate(() => document.activeElement.className);
  check(focused.includes('verdict'), `focus moved to the verdict (was '${focused}')`);
  await page.screenshot({ path: join(shots, '03-camera-valid.png'), fullPage: true });
  await page.close();
});

await step('upload of a PNG shows the same green verdict', async () => {
  const page = await newPage();
  await page.setInputFiles('#file', env('VALID_PNG'));
  check((await verdictOf(page)) === 'valid', 'verdict valid');
  await expectCredentialShown(page);
  await page.click('details.panel summary');
  await page.screenshot({ path: join(shots, '04-upload-valid-checks.png'), fullPage: true });
  await page.close();
});

await step('a revoked credential shows red', async () => {
  const page = await newPage();
  await page.setInputFiles('#file', env('REVOKED_PNG'));
  check((await verdictOf(page)) === 'revoked', 'verdict revoked');
  const banner = page.locator('.verdict');
  check((await banner.getAttribute('class')).includes('error'), 'red banner');
  check((await banner.innerText()).includes('Ingetrokken'), 'says Ingetrokken');
  await expectCredentialShown(page);
  await page.screenshot({ path: join(shots, '05-upload-revoked.png'), fullPage: true });
  await page.close();
});

await step('a picture without a QR code gives a clear message', async () => {
  const page = await newPage();
  await page.setInputFiles('#file', env('BLANK_PNG'));
  await page.locator('#error').waitFor({ state: 'visible' });
  check((await page.locator('#error').innerText()).includes('Geen QR-code'), 'no-QR message');
  await page.screenshot({ path: join(shots, '06-no-qr.png'), fullPage: true });
  await page.close();
});

await step('an issuer not on the trust list shows amber with its own sentence', async () => {
  const page = await newPage();
  await page.click('#paste-toggle');
  await page.locator('#paste').fill(readFileSync(env('UNTRUSTED_TEXT'), 'utf8'));
  await page.click('#paste-form button[type=submit]');
  check((await verdictOf(page)) === 'untrusted_issuer', 'verdict untrusted_issuer');
  const banner = page.locator('.verdict');
  check((await banner.getAttribute('class')).includes('warning'), 'amber banner');
  check((await banner.innerText()).includes('Handtekening geldig'), 'says the signature is valid');
  check((await banner.innerText()).includes('vertrouwenslijst'), 'mentions the trust list');
  check((await page.locator('#result').innerText()).includes('niet op de lijst'), 'issuer badge');
  await page.screenshot({ path: join(shots, '06b-untrusted-amber.png'), fullPage: true });
  await page.close();
});

await step('English switch, remembered; paste works with the keyboard', async () => {
  const page = await newPage();
  await page.click('#lang');
  check((await page.locator('h1').innerText()) === 'Verify a learning credential', 'English heading');
  await page.reload({ waitUntil: 'networkidle' });
  check((await page.locator('h1').innerText()) === 'Verify a learning credential', 'remembered');
  check((await page.evaluate(() => document.documentElement.lang)) === 'en', 'html lang=en');
  await page.focus('#paste-toggle');
  await page.keyboard.press('Enter');
  await page.locator('#paste').fill(readFileSync(env('VALID_TEXT'), 'utf8'));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  check((await verdictOf(page)) === 'valid', 'verdict valid');
  check((await page.locator('.verdict h2').innerText()) === 'Valid', 'English verdict');
  await page.screenshot({ path: join(shots, '07-paste-valid-en.png'), fullPage: true });
  await page.close();
});

await step('no errors in the browser console', async () => {
  check(consoleErrors.length === 0, consoleErrors.join('\n'));
});

await browser.close();
