import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, headless, with the flags this closed network needs (no background networking).
 * Playwright gives every launch a fresh temporary profile.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
