/**
 * Debian's Chromium (`/usr/bin/chromium`, installed by scripts/ensure-deps.sh for the tests)
 * driven by playwright-core: never a browser download. The flags are the ones this machine needs
 * (its env notes): no sandbox as root, no GPU, and none of Chromium's calls home, which a closed
 * network refuses.
 */
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}
