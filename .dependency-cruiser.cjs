// Which parts of src/ may import which (docs/architecture.md). The pipeline's
// stages run load → validate → resolve → compose → write; each stage imports
// only the shared floor (pack/, schema/, diagnostics/, model/) and the stages
// before it. Writers see only the document model. The front ends (cli/, and
// studio/, the browser's, which the CLI starts) are what nothing else imports. `npm test` runs these rules (tests/architecture.test.ts).
/** A path pattern for some folders of src/. */
const under = (...folders) => `^src/(${folders.join('|')})/`;

const floor = ['pack', 'schema', 'diagnostics', 'model'];
const stages = ['load', 'validate', 'resolve', 'compose', 'writers'];
const above = ['edit', 'diff', 'pipeline', 'studio', 'cli'];

/** A rule that `folder` imports nothing from `forbidden`. */
const importsNothingFrom = (name, comment, folder, forbidden) => ({
  name,
  comment,
  severity: 'error',
  from: { path: under(folder) },
  to: { path: under(...forbidden) },
});

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'A module never imports itself, however far round: a cycle means two modules own one thing.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    importsNothingFrom('floor-imports-no-stage', 'The shared floor is under every stage: it imports none of them.', floor.join('|'), [...stages, ...above]),
    importsNothingFrom('model-imports-nothing', 'The document model is types: it imports nothing of ours.', 'model', ['pack', 'schema', 'diagnostics', ...stages, ...above]),
    importsNothingFrom('diagnostics-import-nothing', 'Diagnostics are data every part makes: they import nothing of ours.', 'diagnostics', ['pack', 'schema', 'model', ...stages, ...above]),
    importsNothingFrom('schema-imports-nothing', 'The schemas describe the data files: they import nothing of ours.', 'schema', ['pack', 'diagnostics', 'model', ...stages, ...above]),
    importsNothingFrom('load-comes-first', 'load reads the files; the stages after it are not its business.', 'load', ['validate', 'resolve', 'compose', 'writers', ...above]),
    importsNothingFrom('validate-before-resolve', 'validate checks what load read; it uses no later stage.', 'validate', ['resolve', 'compose', 'writers', ...above]),
    importsNothingFrom('resolve-before-compose', 'resolve merges a checked pack; it uses no later stage.', 'resolve', ['compose', 'writers', ...above]),
    importsNothingFrom('compose-before-write', 'compose makes the document model; it knows no writer.', 'compose', ['writers', ...above]),
    importsNothingFrom(
      'writers-see-only-the-model',
      'A writer turns the document model into bytes: it never sees YAML, schemas, diagnostics or the stages.',
      'writers',
      ['pack', 'schema', 'diagnostics', 'load', 'validate', 'resolve', 'compose', ...above],
    ),
    importsNothingFrom('edit-below-the-pipeline', 'edit/ works out an edit; the pipeline writes it, and the CLI reports it.', 'edit', ['diff', 'pipeline', 'studio', 'cli']),
    importsNothingFrom('diff-below-the-pipeline', 'diff/ compares; the pipeline reads the sides and writes the redline.', 'diff', ['edit', 'pipeline', 'studio', 'cli']),
    importsNothingFrom('pipeline-below-the-front-end', 'The pipeline is called by the front ends, never the other way.', 'pipeline', ['studio', 'cli']),
    importsNothingFrom('studio-beside-the-cli', 'The studio is a front end of its own: the CLI starts it, it uses nothing of the CLI.', 'studio', ['cli']),
    {
      name: 'only-the-pipeline-writes-files',
      comment: 'Every file the tool writes goes through the pipeline (src/pipeline/write-file.ts), whole or not at all, under its locks.',
      severity: 'error',
      from: { pathNot: '^src/pipeline/' },
      to: { path: ['^src/pipeline/write-file\\.ts$', '^src/pipeline/edit-journal\\.ts$', '^src/pipeline/locks\\.ts$', 'node_modules/proper-lockfile/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'], extensions: ['.ts', '.cts', '.js'] },
  },
};
