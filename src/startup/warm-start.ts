// Whether this process started from the startup snapshot (startup-snapshot.ts),
// whose modules are loaded and whose writers have already rendered a pack. Such
// a process renders a pack in less time than a new thread takes to load and warm
// its own, which changes how a build is best spread (build-many.ts, render-thread.ts).

let warm = false;

/** Called once, by the snapshot's entry, as the process starts from it. */
export function markStartedWarm(): void {
  warm = true;
}

export function startedWarm(): boolean {
  return warm;
}
