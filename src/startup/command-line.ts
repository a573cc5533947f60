// Reading a `packs` command line before commander (or anything but Node's own
// modules) is loaded: only what the command needs to decide how to start.

/**
 * The value of an option in `args`, up to a `--`: `--name value` or
 * `--name=value`, and with a short name also `-n value` or `-nvalue`.
 */
export function optionValue(args: readonly string[], name: string, short?: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') break;
    if (arg === name || arg === short) return args[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
    if (short !== undefined && arg.length > short.length && arg.startsWith(short)) return arg.slice(short.length);
  }
  return undefined;
}
