// The started copy's side of relaunch.ts, on its own so that the startup
// snapshot's entry can use it without loading child_process (src/startup/).

/** Set in the environment of the started copy, so that it knows what it is. */
export const MARK = 'PACKS_RELAUNCHED';

/**
 * In the started copy: forgets the mark (so nothing it starts takes it for its
 * own), and stops if the process that started it is killed.
 */
export function followParent(): void {
  if (process.env[MARK] === undefined) return;
  delete process.env[MARK];
  if (!process.channel) return;
  process.channel.unref();
  process.on('disconnect', () => process.exit(137));
}
