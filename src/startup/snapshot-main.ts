// The startup snapshot's entry. scripts/build-snapshot.mjs bundles it into one
// file and has Node run it with --build-snapshot: it loads every module a build
// needs, renders the project's packs once in memory (so that fonts are parsed,
// the code the writers run is compiled and their text is laid out), forgets what
// it read from the project, and names the function a process started from the
// snapshot runs: the `packs` command. See startup-snapshot.ts for when it is used.
//
// Nothing here may start a thread, a child process or a timer, or write a file:
// a snapshot cannot keep them (scripts/build-snapshot.mjs leaves the libraries
// that would out of the bundle).
import { restoreTextDecoder } from './text-decoder-shim.js';
import v8 from 'node:v8';
import Handlebars from 'handlebars';
import { main } from '../cli/main.js';
import { followParent } from '../cli/follow-parent.js';
import { forgetTemplates } from '../compose/templates.js';
import { findPacks } from '../load/project.js';
import { planPack } from '../pipeline/build.js';
import { toolFingerprint, toolRoot } from '../pipeline/tool-fingerprint.js';
import { DataFileCache } from '../validate/load-pack.js';
import { formats } from '../writers/formats.js';
import { renderAll } from '../writers/render-thread.js';
import { argumentsFromSnapshot } from './startup-snapshot.js';
import { markStartedWarm } from './warm-start.js';
// What `packs build` loads as it goes, loaded now so that it is in the snapshot.
import '../pipeline/build-many.js';
import '../pipeline/shard.js';
import '../writers/pdf/index.js';
import '../writers/docx/index.js';

restoreTextDecoder();
// Node 22 cannot write a snapshot that holds an Error whose stack has not been turned into text
// (it aborts); handlebars makes one as it loads, as its Exception's prototype. Reading the stack turns it.
void (Handlebars.Exception.prototype as Error).stack;

/**
 * The most packs the warm-up renders. Each one it renders builds cold about a
 * quarter quicker (measured: the Deputy Director pack 0.81 s against 0.59 s
 * once the warm-up rendered it too), and adds about 1.5 MB to the snapshot,
 * which every build reads as it starts (the DAC pack went from 0.66 s to 0.69 s).
 */
const WARM_UP_PACKS = 6;

/**
 * Checks and renders the valid packs of the project the tool is in, up to
 * WARM_UP_PACKS, writing nothing. Variants are left out: they share nearly all
 * of their text with their pack, which is rendered instead.
 */
async function warmUp(): Promise<void> {
  try {
    const cache = new DataFileCache(toolRoot);
    let rendered = 0;
    for (const location of await findPacks(toolRoot)) {
      if (location.variant) continue;
      const plan = await planPack(toolRoot, location, cache);
      if (!plan.document) continue;
      await renderAll(formats, plan.document);
      if (++rendered === WARM_UP_PACKS) return;
    }
  } finally {
    // Templates are kept by path for the life of a process: a build must read the project's own again.
    forgetTemplates();
  }
}

// A snapshot's entry is a CommonJS script, which cannot await at its top level. A warm-up that
// fails leaves the snapshot less warm, not wrong: every build checks and renders its packs itself.
void warmUp()
  .catch(() => undefined)
  .then(() => {
    // The build cache keys each build by the tool's fingerprint. A process starts from this snapshot
    // only when the snapshot's key holds the fingerprint the tool has then (startup-snapshot.ts), so
    // it is worked out once, here, rather than by both that check and the build it starts.
    toolFingerprint();
    v8.startupSnapshot.setDeserializeMainFunction(async () => {
      followParent();
      markStartedWarm();
      process.exitCode = await main(argumentsFromSnapshot(process.argv));
    });
  });
