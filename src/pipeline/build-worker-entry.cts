// The file piscina loads in each worker thread. Piscina tries require() first;
// were that our ES module, Node 20 would load its graph through require(esm)
// and then meet the same modules again through import() (the writers are loaded
// lazily), which trips an internal assertion in some Node 20 releases. A
// CommonJS entry that import()s the real worker keeps every module on one path.
import type { BuildResult, BuildTask } from './build-worker.js';

module.exports = async function buildInWorker(task: BuildTask): Promise<BuildResult> {
  const { runBuildTask } = await import('./build-worker.js');
  return runBuildTask(task);
};
