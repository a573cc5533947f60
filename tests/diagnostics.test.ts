// Broken inputs, as recruiters and HR staff would break them, and the exact
// diagnostics each one gets: where it is, what is wrong, and how to fix it.
import { describe, expect, it } from 'vitest';
import { copyProject, diagnosticLines, runCli, type Edit } from './support/project.js';

async function validate(edits: Edit[], pack = 'met-dac-2021') {
  const run = await runCli(['validate', pack, '--today', '2020-12-01'], copyProject(edits));
  return { ...run, lines: diagnosticLines(run.stderr) };
}

const role = 'packs/met-dac-2021/role.yaml';
const pack = 'packs/met-dac-2021/pack.yaml';
const timeline = 'packs/met-dac-2021/timeline.yaml';
const remuneration = 'packs/met-dac-2021/remuneration.yaml';

describe('diagnostics', () => {
  it('a misspelt competency is reported at its line, with the name meant', async () => {
    const run = await validate([{ file: role, find: '- competency: We are collaborative', replace: '- competency: We are colaborative' }]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      [
        'packs/met-dac-2021/role.yaml:48:19  error  unknown competency "We are colaborative" in framework cvf-chief-officers  [unknown-competency]',
        '    48 |     - competency: We are colaborative',
        '       |                   ^',
        '    hint: did you mean "We are collaborative"?',
      ].join('\n'),
    );
  });

  it('a competency from another edition of the framework is not accepted', async () => {
    // "We collaborate" is the police staff edition's name; the chief officers' edition says "We are collaborative".
    const run = await validate([{ file: role, find: '- competency: We are collaborative', replace: '- competency: We collaborate' }]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/role.yaml:48:19  error  unknown competency "We collaborate" in framework cvf-chief-officers  [unknown-competency]',
    ]);
  });

  it('a competency may be cited by its stable id', async () => {
    const run = await validate([{ file: role, find: '- competency: We are collaborative', replace: '- competency: collaborative' }]);
    expect(run.status).toBe(0);
  });

  it('a level the framework does not have is reported with the levels it has', async () => {
    const run = await validate([
      { file: role, find: '- competency: We take ownership\n      cluster: Resolute, compassionate and committed\n      level: 3', replace: '- competency: We take ownership\n      cluster: Resolute, compassionate and committed\n      level: 4' },
    ]);
    expect(run.stderr).toContain(
      'packs/met-dac-2021/role.yaml:47:14  error  level 4 does not exist for "We take ownership" in framework cvf-chief-officers  [unknown-level]\n' +
        '    47 |       level: 4\n' +
        '       |              ^\n' +
        '    hint: levels: 1, 2, 3',
    );
  });

  it('a cluster that is not the competency\'s is reported', async () => {
    const run = await validate([
      { file: role, find: '- competency: We take ownership\n      cluster: Resolute, compassionate and committed', replace: '- competency: We take ownership\n      cluster: Intelligent, creative and informed policing' },
    ]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/role.yaml:46:16  error  "We take ownership" is not in cluster "Intelligent, creative and informed policing" in framework cvf-chief-officers  [wrong-cluster]',
    ]);
    expect(run.stderr).toContain('hint: "We take ownership" is in "Resolute, compassionate and committed"');
  });

  it('a value that is not in the pack\'s values set is reported with the values there are', async () => {
    const run = await validate([{ file: role, find: '  values: []', replace: '  values: [professionalism, honesty]' }]);
    expect(run.stderr).toContain(
      'packs/met-dac-2021/role.yaml:60:29  error  unknown value "honesty" in values set met-values-2020  [unknown-value]\n' +
        '    60 |   values: [professionalism, honesty]\n' +
        '       |                             ^\n' +
        '    hint: values: Professionalism, Integrity, Courage, Compassion',
    );
    expect(run.lines).toHaveLength(1);
  });

  it('a colon and a space in a value is reported as the YAML trap it is, with what to do', async () => {
    const run = await validate([{ file: timeline, find: '    name: Shortlisting', replace: '    name: Shortlisting: first round' }]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/timeline.yaml:18:11  error  the text "Shortlisting: first round" holds a colon and a space: YAML reads the words before them as a field name, not as text  [colon-in-text]',
    ]);
    expect(run.stderr).toContain('hint: put the text in quotes, or start it with `|` and write the text on the lines below, indented');
  });

  it('an unknown field gets a did-you-mean', async () => {
    const run = await validate([{ file: remuneration, find: '  grade: deputy-assistant-commissioner', replace: '  grades: deputy-assistant-commissioner' }]);
    // Only the misspelt key is reported: the "missing grade" it causes would say the same thing again.
    expect(run.lines).toEqual([
      'packs/met-dac-2021/remuneration.yaml:24:3  error  `grades` is not a field of `salary`  [unknown-field]',
    ]);
    expect(run.stderr).toContain('hint: did you mean `grade`?');
  });

  it('a misspelt field is one mistake, not also the field it was meant to be; a field missing elsewhere is still reported', async () => {
    const run = await validate([
      { file: timeline, find: '    name: Application Pack\n', replace: '    nmae: Application Pack\n' },
      { file: timeline, find: '    name: Shortlisting\n', replace: '' },
    ]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/timeline.yaml:10:5  error  `nmae` is not a field of stage "application"  [unknown-field]',
      'packs/met-dac-2021/timeline.yaml:17:5  error  stage "shortlisting" is missing required field `name`  [missing-field]',
    ]);
  });

  it('an impossible date and a time past midnight are reported where they are written', async () => {
    const run = await validate([
      { file: timeline, find: 'date: 2021-01-13', replace: 'date: 2021-02-31' },
      { file: timeline, find: 'time: "12:00"', replace: 'time: "24:30"' },
    ]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/timeline.yaml:12:11  error  stage "application": `time` must be a time written HH:MM on the 24-hour clock, like "12:00"  [invalid-value]',
      'packs/met-dac-2021/timeline.yaml:19:11  error  stage "shortlisting": `date` is not a real calendar date  [invalid-value]',
    ]);
  });

  it('a date not written YYYY-MM-DD is one mistake, reported once', async () => {
    const run = await validate([{ file: timeline, find: 'date: 2021-01-20', replace: 'date: 2021-01-2x' }]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/timeline.yaml:28:11  error  stage "final-interview": `date` must be a date written YYYY-MM-DD, like 2021-01-11  [invalid-value]',
    ]);
  });

  it('stages out of order are reported at the date that breaks the order', async () => {
    const run = await validate([{ file: timeline, find: 'date: 2021-01-20', replace: 'date: 2021-01-12' }]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/timeline.yaml:28:11  error  stage "Final Interview Panel" (2021-01-12) is not after stage "Shortlisting" (2021-01-13)  [timeline-order]',
    ]);
  });

  it('an interview moved to a bank holiday is refused, naming the holiday, at the line of the date', async () => {
    const run = await validate([{ file: timeline, find: 'date: 2021-01-20', replace: 'date: 2021-05-03' }]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'packs/met-dac-2021/timeline.yaml:28:11  error  stage "Final Interview Panel" is on Monday 3 May 2021, a non-working day: Early May bank holiday (Bank holidays in England and Wales)  [non-working-day]\n' +
        '    28 |     date: 2021-05-03\n' +
        '       |           ^\n' +
        '    hint: move it to a working day, or add `allowNonWorkingDay: true` and a `reason:` to the stage',
    );
    expect(run.lines).toHaveLength(1);
  });

  it('a gap between stages shorter than the pack asks for is reported at the later date', async () => {
    const run = await validate([{ file: timeline, find: 'after: { stage: application, workingDays: 1 }', replace: 'after: { stage: application, workingDays: 3 }' }]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/timeline.yaml:19:11  error  stage "Shortlisting" is 2 working days after stage "Application Pack"; this pack asks for at least 3 working days  [gap-too-short]',
    ]);
    expect(run.stderr).toContain('hint: move it to 14 January 2021 or later');
  });

  it('a stage text that uses a fact the stage does not have is reported', async () => {
    const run = await validate([{ file: timeline, find: 'The final interview panel will be held **{{date}}**', replace: 'The final interview panel will be held **{{date}}** at {{time}}' }]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/timeline.yaml:31:9  error  stage "final-interview" text uses {{time}}, but the stage has no time  [stage-text]',
    ]);
    expect(run.stderr).toContain('hint: add `time:` to the stage, or take {{time}} out of the text');
  });

  it('a missing data file is reported at the line that names it', async () => {
    const run = await validate([{ file: pack, find: 'letter: introduction.yaml', replace: 'letter: intro.yaml' }]);
    expect(run.stderr).toContain(
      'packs/met-dac-2021/pack.yaml:19:11  error  letter file not found: intro.yaml  [file-not-found]\n' +
        '    19 |   letter: intro.yaml\n' +
        '       |           ^\n',
    );
  });

  it('a missing template is reported with the one meant, together with the other mistakes', async () => {
    const run = await validate([
      { file: pack, find: 'template: structure', replace: 'template: structur' },
      { file: role, find: '- competency: We are collaborative', replace: '- competency: We are colaborative' },
    ]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/pack.yaml:36:15  error  template "structur" not found (looked for packs/met-dac-2021/templates/structur.md.hbs and templates/sections/structur.md.hbs)  [template-not-found]',
      'packs/met-dac-2021/role.yaml:48:19  error  unknown competency "We are colaborative" in framework cvf-chief-officers  [unknown-competency]',
    ]);
    expect(run.stderr).toContain('hint: did you mean "structure"?');
  });

  it('a template that uses a field the data does not have is reported at the template', async () => {
    const run = await validate([{ file: 'templates/sections/letter.md.hbs', find: '# {{letter.title}}', replace: '# {{letter.titel}}' }]);
    expect(run.stderr).toContain(
      'templates/sections/letter.md.hbs:2:5  error  unknown field "letter.titel" in template  [unknown-field]\n' +
        '    2 | # {{letter.titel}}\n' +
        '      |     ^\n' +
        '    hint: did you mean "letter.title"?',
    );
  });

  it('a template that calls an unknown helper is reported', async () => {
    const run = await validate([{ file: 'templates/sections/letter.md.hbs', find: '# {{letter.title}}', replace: '# {{upper letter.title}}' }]);
    expect(run.lines).toEqual(['templates/sections/letter.md.hbs:2:3  error  unknown helper "upper"  [unknown-helper]']);
  });

  it('a YAML duplicate key is an error at the second key', async () => {
    const run = await validate([{ file: pack, find: 'version: 1.0.0', replace: 'version: 1.0.0\nversion: 1.0.1' }]);
    expect(run.lines).toEqual([
      'packs/met-dac-2021/pack.yaml:10:1  error  duplicate key "version": it is already set above in the same mapping  [duplicate-key]',
    ]);
  });

  it('reports the mistakes of every pack, sorted by file and line', async () => {
    const root = copyProject([
      { file: timeline, find: 'date: 2021-01-20', replace: 'date: 2021-01-12' },
      { file: 'packs/met-deputy-director-project-delivery/role.yaml', find: '- competency: We collaborate', replace: '- competency: We are collaborative' },
      { file: role, find: '- competency: We are collaborative', replace: '- competency: We are colaborative' },
    ]);
    const run = await runCli(['validate', '--today', '2020-12-01'], root);
    expect(run.status).toBe(1);
    expect(diagnosticLines(run.stderr).map((l) => l.split('  ')[0])).toEqual([
      'packs/met-dac-2021/role.yaml:48:19',
      'packs/met-dac-2021/timeline.yaml:28:11',
      'packs/met-deputy-director-project-delivery/role.yaml:28:19',
    ]);
    expect(run.stderr).toContain('3 errors, 0 warnings');
  });
});
