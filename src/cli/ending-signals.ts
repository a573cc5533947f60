// The signals that end a command: Ctrl-C, `kill`, and the terminal closing.
// What must happen before the process ends listens for these same ones: the
// launcher passes them on to the copy it started (relaunch.ts), and the
// progress bar puts the terminal back (commands/build.ts).
export const ENDING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const satisfies readonly NodeJS.Signals[];
