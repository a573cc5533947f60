// packs studio: the packs in a browser, for recruiters and reviewers. Starts a
// web server on 127.0.0.1 (a free port unless --port), prints its address and
// opens nothing else; Ctrl-C stops it.
import { InvalidArgumentError, Option, type Command } from 'commander';
import { commonOptions, EXIT_OK, EXIT_USAGE, localToday, sourceDateEpoch, type CommandContext } from '../context.js';

export function registerStudio(cli: Command, context: CommandContext): void {
  cli
    .command('studio')
    .description('open the packs in a browser: change dates and pay, see mistakes and a preview (a local web server, until Ctrl-C)')
    .addOption(
      new Option('--port <n>', 'the port to listen on (default: a free one)').argParser((value: string) => {
        if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) throw new InvalidArgumentError('give a port number from 1 to 65535, like 4321');
        return Number(value);
      }),
    )
    .addOption(commonOptions.root())
    .addOption(commonOptions.today())
    .action(async (options: { root?: string; port?: number; today: string }, command: Command) => {
      const { startStudio } = await import('../../studio/server.js');
      const projectRoot = context.root(options);
      const timestamp = sourceDateEpoch();
      const { stdout, stderr } = context.io;
      // Without --today, each check and each change-log entry is dated the day it is made, past midnight too.
      const today = command.getOptionValueSource('today') === 'default' ? localToday : () => options.today;
      let studio;
      try {
        studio = await startStudio({ root: projectRoot, today, ...(options.port ? { port: options.port } : {}), ...(timestamp ? { timestamp } : {}), onError: (error) => stderr(`packs studio: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          // The port was chosen on the command line: a usage mistake, like any other option that cannot be used.
          stderr(`packs studio: port ${options.port} is in use; give another with --port, or leave --port out for a free one\n`);
          context.setExit(EXIT_USAGE);
          return;
        }
        throw error;
      }
      stdout(`The studio is at ${studio.url}  (open it in your browser; Ctrl-C to stop)\n`);
      // Ctrl-C (or a polite kill) stops the server; the builds under way finish first, so no lock is left held.
      const signals = ['SIGINT', 'SIGTERM'] as const;
      // The same Ctrl-C often comes twice (to the process group, and passed on by npm run): the second is ignored.
      let stop: () => void = () => {};
      const onSignal = () => stop();
      for (const signal of signals) process.on(signal, onSignal);
      await new Promise<void>((resolve) => (stop = resolve));
      await studio.close();
      stdout('The studio has stopped.\n');
      context.setExit(EXIT_OK);
      setTimeout(() => {
        for (const signal of signals) process.off(signal, onSignal);
      }, 1000).unref();
    });
}
