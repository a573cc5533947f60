#!/usr/bin/env node
// Compiles a Typst file to PDF `runs` times in this one process, with the Typst
// compiler for Node (@myriaddreamin/typst-ts-node-compiler), and prints each
// run's time in ms as JSON. bench-external.mjs runs it once per fresh process
// for the cold figure, and many times in one process for the warm one (the
// compiler kept, with its memoized work, as our warm figure keeps our caches).
//
// Only the Roboto fonts pdfmake ships are offered besides the compiler's own;
// the file uses no Typst packages, so nothing is fetched. The compiler is an
// optional tool of the benchmark, never a dependency of the project:
//   npm install --no-save @myriaddreamin/typst-ts-node-compiler@0.7.0
//
// With --forget, the compiler's memoized work is thrown away (evictCache(0))
// before each run, untimed: the document is laid out afresh in a warm process.
//
//   node scripts/bench-typst.mjs <main.typ> <out.pdf> [runs] [--forget]
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
export const typstPackage = '@myriaddreamin/typst-ts-node-compiler';
export const robotoFolder = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'build', 'fonts', 'Roboto');

/** The installed compiler's version, or undefined when it is not installed. */
export function typstVersion() {
  try {
    return require(`${typstPackage}/package.json`).version;
  } catch {
    return undefined;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const forget = process.argv.includes('--forget');
  const [main, out, runsText = '1'] = process.argv.slice(2).filter((arg) => arg !== '--forget');
  const { NodeCompiler } = require(typstPackage);
  const times = [];
  let compiler;
  let pdf;
  for (let i = 0; i < Number(runsText); i++) {
    if (forget) compiler?.evictCache(0);
    const started = performance.now();
    compiler ??= NodeCompiler.create({ workspace: path.dirname(path.resolve(main)), fontArgs: [{ fontPaths: [robotoFolder] }] });
    const compiled = compiler.compile({ mainFilePath: path.resolve(main) });
    if (!compiled.result) {
      const diagnostics = compiled.takeDiagnostics?.();
      const messages = diagnostics ? compiler.fetchDiagnostics(diagnostics).map((d) => d.message) : ['no document'];
      throw new Error(`Typst could not compile ${main}: ${messages.slice(0, 3).join('; ')}`);
    }
    pdf = compiler.pdf(compiled.result);
    times.push(performance.now() - started);
  }
  writeFileSync(out, pdf);
  process.stdout.write(JSON.stringify(times));
}
