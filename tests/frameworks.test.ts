// Frameworks of another shape than the Met's CVF, built by the project's own
// templates with no override: levels named by grade, clusters, indicators in
// kinds the framework names (a negative kind declared first, printed last), an
// introduction with a sub-heading. The PDF is read back as a reader sees it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './support/project.js';
import { pdfPages, projectRoot, squash } from './support/read-outputs.js';

const framework = `# yaml-language-server: $schema=../../../../../schemas/framework.schema.json
id: civil-service-style
name: Success Profiles Behaviours
edition: Sample edition
publisher: Sample Department
cumulative: false
introduction:
  - Behaviours are the actions and activities that people do which result in effective performance.
  - heading: How to read the indicators
    paragraphs:
      - Each level lists what effective and ineffective performance looks like.
indicatorKinds:
  - id: ineffective
    name: Ineffective
    leadIn: People who are less effective are likely to…
    negative: true
  - id: effective
    name: Effective
    leadIn: People who are effective are likely to…
levels:
  - { id: HEO, name: Higher Executive Officer }
  - { id: G7, name: Grade 7 }
clusters:
  - { id: direction, name: Setting direction }
  - { id: people, name: Engaging people }
competencies:
  - id: seeing-the-big-picture
    name: Seeing the Big Picture
    cluster: direction
    description:
      - Understand how your role fits with the organisation's priorities.
    levels:
      - level: G7
        indicators:
          effective:
            - Bring together views to set priorities.
          ineffective:
            - Focus on my own team's concerns alone.
      - level: HEO
        indicators:
          effective:
            - Keep up to date with the wider context.
  - id: leadership
    name: Leadership
    cluster: people
    description:
      - Show pride and passion for public service.
    levels:
      - level: HEO
        indicators:
          effective:
            - Motivate the team to meet its goals.
          ineffective:
            - Leave the team unclear about what is expected.
  - id: communicating
    name: Communicating and Influencing
    cluster: people
    description:
      - Communicate purpose and direction with clarity.
    levels:
      - level: G7
        indicators:
          effective:
            - Explain complex issues in plain words.
`;

const role = `# yaml-language-server: $schema=../../../../../schemas/role.schema.json
id: policy-lead
title: Policy Lead
organisation: Sample Department
purpose:
  paragraphs:
    - The Policy Lead sets the team's direction.
behaviours:
  competencies:
    - competency: Leadership
      level: Higher Executive Officer
    - competency: Seeing the Big Picture
      cluster: Setting direction
      level: G7
  values:
    - Integrity
`;

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Builds the base fixture pack with this framework and role, and its framework section as asked; the PDF's text. */
async function builtText(packYamlEnd: string, section = 'framework-behaviours', frameworkYaml = framework, roleYaml = role): Promise<string> {
  const root = mkdtempSync(path.join(tmpdir(), 'packs-framework-'));
  folders.push(root);
  cpSync(path.join(projectRoot, 'tests', 'fixtures', 'base'), root, { recursive: true });
  cpSync(path.join(projectRoot, 'templates'), path.join(root, 'templates'), { recursive: true });
  writeFileSync(path.join(root, 'packs/shared/framework.yaml'), frameworkYaml);
  writeFileSync(path.join(root, 'packs/sample-pack/role.yaml'), roleYaml);
  const packFile = path.join(root, 'packs/sample-pack/pack.yaml');
  const pack = readFileSync(packFile, 'utf8').replace('  - template: framework-behaviours\n', `  - template: ${section}\n`);
  writeFileSync(packFile, `${pack}${packYamlEnd}`);
  const out = path.join(root, 'out');
  const run = await runCli(['build', '--root', root, '--out', out, '--only', 'pdf', '--today', '2021-01-01']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const pages = pdfPages(path.join(out, 'sample-pack.pdf'));
  // The framework section is the last: from its heading on.
  const text = pages.join('\n');
  return text.slice(text.lastIndexOf('Success Profiles Behaviours'));
}

/** Where each text is in the section (squashed), in order; -1 for one that is not there. */
function positions(text: string, texts: string[]): number[] {
  const squashed = squash(text);
  return texts.map((t) => squashed.indexOf(squash(t)));
}

const ascending = (numbers: number[]) => numbers.every((n, i) => n >= 0 && (i === 0 || n > numbers[i - 1]!));

describe('a framework with grade-named levels, clusters and negative indicators', () => {
  it('prints clusters as headings, each cited competency at its level, negative indicators after positive ones', async () => {
    const text = await builtText('');
    const order = positions(text, [
      'Behaviours are the actions and activities',
      'How to read the indicators',
      'Each level lists what effective and ineffective performance looks like.',
      'Setting direction',
      'Seeing the Big Picture',
      'Grade 7',
      'Effective',
      'People who are effective are likely to…',
      'Bring together views to set priorities.',
      'Ineffective',
      'People who are less effective are likely to…',
      'Focus on my own team',
      'Engaging people',
      'Leadership',
      'Higher Executive Officer',
      'Motivate the team to meet its goals.',
      'Leave the team unclear about what is expected.',
    ]);
    expect(order, text).toSatisfy(ascending);
    // Only the level cited, and only the competencies cited.
    expect(text).not.toContain('Keep up to date with the wider context.');
    expect(text).not.toContain('Communicating and Influencing');
  });

  it('prints every competency with every level it gives when the pack asks for all', async () => {
    const text = await builtText('frameworkSection:\n  competencies: all\n');
    const order = positions(text, [
      'Setting direction',
      'Seeing the Big Picture',
      'Bring together views to set priorities.',
      'Engaging people',
      'Leadership',
      'Communicating and Influencing',
      'Explain complex issues in plain words.',
    ]);
    expect(order, text).toSatisfy(ascending);
  });

  it('the summary section groups the competencies under their clusters too, or under none when the pack says so', async () => {
    const grouped = await builtText('', 'framework-summary');
    expect(positions(grouped, ['Setting direction', 'Seeing the Big Picture', 'Engaging people', 'Leadership']), grouped).toSatisfy(ascending);
    const flat = await builtText('frameworkSection:\n  clusterHeadings: false\n', 'framework-summary');
    expect(positions(flat, ['Seeing the Big Picture', 'Leadership']), flat).toSatisfy(ascending);
    expect(flat).not.toContain('Setting direction');
    expect(flat).not.toContain('Engaging people');
  });
});

describe('a cumulative framework', () => {
  const cumulative = framework.replace('cumulative: false', 'cumulative: true');
  const citingG7 = role.replace('    - competency: Leadership\n      level: Higher Executive Officer\n', '');

  it('prints the cited level alone, unless the pack asks for the levels below it too, each under its name', async () => {
    expect(cumulative).not.toBe(framework);
    const cited = await builtText('', 'framework-behaviours', cumulative, citingG7);
    expect(cited).toContain('Bring together views to set priorities.');
    expect(cited).not.toContain('Keep up to date with the wider context.');
    const below = await builtText('frameworkSection:\n  levels: cumulative\n', 'framework-behaviours', cumulative, citingG7);
    // The framework lists HEO before Grade 7, so HEO's indicators come first, under its name.
    expect(positions(below, ['Seeing the Big Picture', 'Higher Executive Officer', 'Keep up to date with the wider context.', 'Grade 7', 'Bring together views to set priorities.']), below).toSatisfy(ascending);
  });

  it('a framework that is not cumulative prints the cited level alone, whatever the pack asks', async () => {
    const text = await builtText('frameworkSection:\n  levels: cumulative\n', 'framework-behaviours', framework, citingG7);
    expect(text).not.toContain('Keep up to date with the wider context.');
  });
});

describe('a level written by its name in the framework', () => {
  // Communicating gives its indicators at `level: Grade 7`, the name of the level whose id is G7.
  const byName = framework.replace('      - level: G7\n        indicators:\n          effective:\n            - Explain complex', '      - level: Grade 7\n        indicators:\n          effective:\n            - Explain complex');

  it('is the same level as its id: a role citing it by id builds, and prints its indicators', async () => {
    expect(byName).not.toBe(framework);
    const citing = role.replace('    - competency: Leadership\n', '    - competency: Communicating and Influencing\n      level: G7\n    - competency: Leadership\n');
    const text = await builtText('', 'framework-behaviours', byName, citing);
    const communicating = text.slice(text.lastIndexOf('Communicating and Influencing'));
    expect(positions(communicating, ['Communicating and Influencing', 'Grade 7', 'Explain complex issues in plain words.']), text).toSatisfy(ascending);
  });

  it('is printed with its indicators when the pack prints every competency', async () => {
    const text = await builtText('frameworkSection:\n  competencies: all\n', 'framework-behaviours', byName);
    const communicating = text.slice(text.lastIndexOf('Communicating and Influencing'));
    expect(positions(communicating, ['Communicating and Influencing', 'Grade 7', 'Explain complex issues in plain words.']), text).toSatisfy(ascending);
  });
});
