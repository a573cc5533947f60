// The startup snapshot's entry. scripts/build-snapshot.mjs bundles it into one
// file and has Node run it with --build-snapshot: it loads every module a build
// needs, renders the project's first valid pack once in memory (so that fonts are
// parsed and the code the writers run is compiled), forgets what it read from
// the project, and names the function a process started from the snapshot runs:
// the `packs` command. See startup-snapshot.ts for when it is used.
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

/** Checks and renders the first pack of the project the tool is in that is valid, writing nothing. */
async function warmUp(): Promise<void> {
  try {
    for (const location of await findPacks(toolRoot)) {
      const plan = await planPack(toolRoot, location, new DataFileCache(toolRoot));
      if (!plan.document) continue;
      await renderAll(formats, plan.document);
      return;
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
