// The folder the user typed the command in, which the paths they type (--out,
// --root, a built file for diff, --redline) are relative to, and from which the
// project is looked for.
//
// `npm run packs -- …` and `npm run build` run the command in the package's own
// folder and leave the user's folder in INIT_CWD. But every process npm starts,
// and every process those start, inherits INIT_CWD: a test run by `npm test`
// that starts `packs` in a folder of its own must not be sent back to the folder
// `npm test` was typed in. So INIT_CWD counts only when npm ran one of the
// scripts that are this command, and this process is still in the folder npm
// ran it in: the folder of that package.json.
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** The package.json scripts that run `packs` (`"packs": "node bin/packs.js"`, `"build": "node bin/packs.js build"`). */
export const PACKS_SCRIPTS: readonly string[] = ['packs', 'build'];

function sameFolder(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}

/** The user's folder: INIT_CWD when npm ran a `packs` script here (see above), else the current folder. */
export function userFolder(env: NodeJS.ProcessEnv, cwd: string): string {
  const { INIT_CWD: typedIn, npm_lifecycle_event: script, npm_package_json: packageJson } = env;
  if (typedIn === undefined || script === undefined || packageJson === undefined || !PACKS_SCRIPTS.includes(script)) return cwd;
  if (!path.isAbsolute(typedIn) || !sameFolder(path.dirname(packageJson), cwd)) return cwd;
  return typedIn;
}
