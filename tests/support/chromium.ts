// The system's Chromium (Debian's package), for the tests that drive a real
// browser with playwright-core; .ci/run installs it when it is missing.
import { execFileSync } from 'node:child_process';

/** The axe-core tags of WCAG 2.2's A and AA rules. */
export const WCAG_22_A_AND_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Where Chromium is, found on the PATH. */
export function chromiumPath(): string {
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not this name; try the next
    }
  }
  throw new Error('No Chromium found on the PATH (looked for chromium and chromium-browser). Install it: apt-get install chromium');
}
