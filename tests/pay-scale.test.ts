// A figure lives in one place: change it in the pay scale and every pack that
// uses the scale prints the new figure, in both formats, and the old one nowhere.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyProject, runCli } from './support/project.js';
import { docxParagraphs, pdfPages } from './support/read-outputs.js';

describe('pay scale', () => {
  it('a new basic pay in the scale reaches every pack on that scale, in PDF and Word', async () => {
    const root = copyProject();
    // A second pack on the same scale: the DAC pack for another campaign.
    cpSync(path.join(root, 'packs/met-dac-2021'), path.join(root, 'packs/met-dac-2021-second'), { recursive: true });
    const secondPack = path.join(root, 'packs/met-dac-2021-second/pack.yaml');
    writeFileSync(secondPack, readFileSync(secondPack, 'utf8').replace('id: met-dac-2021', 'id: met-dac-2021-second'));
    const scale = path.join(root, 'packs/shared/pay-scales/met-chief-officers.yaml');
    writeFileSync(scale, readFileSync(scale, 'utf8').replace('basic: 156693', 'basic: 160115'));

    const run = await runCli(['build', 'met-dac-2021', 'met-dac-2021-second', '--today', '2020-12-14'], root);
    expect(run.status).toBe(0);
    for (const id of ['met-dac-2021', 'met-dac-2021-second']) {
      const pdf = pdfPages(path.join(root, 'output', `${id}.pdf`)).join('\n');
      const docx = (await docxParagraphs(path.join(root, 'output', `${id}.docx`))).map((p) => p.text).join('\n');
      for (const text of [pdf, docx]) {
        expect(text).toContain('£160,115 p.a.');
        expect(text).not.toContain('156,693');
      }
    }
  });
});
