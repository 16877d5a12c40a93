/**
 * The Chromium the browser tests and benches launch: the system one (`KMSW_CHROMIUM`, else /usr/bin/chromium when
 * present), otherwise Playwright's own download, with the flags this project's machines need (no sandbox as root in
 * CI, no GPU, none of the browser's own background traffic).
 */
import { existsSync } from 'node:fs';

export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath:
    process.env.KMSW_CHROMIUM ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
