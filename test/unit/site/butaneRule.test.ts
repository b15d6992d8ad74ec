/** site.butane: the Butane settings of a site point at files and folders that are there. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../../lib/engine';
import { diskContext } from '../../../lib/site/view';

function homeLab(): string {
  const root = join(mkdtempSync(join(tmpdir(), 'pxe-site-butane-')), 'home-lab');
  cpSync('examples/home-lab', root, { recursive: true });
  return root;
}

const findings = (file: string) =>
  lintText(file, readFileSync(file, 'utf8'), { context: diskContext(file) })
    .findings.filter((f) => f.ruleId === 'site.butane')
    .map((f) => f.message);

describe('site.butane', () => {
  it('is quiet on the home lab, whose config.bu is there', () => {
    expect(findings(join(homeLab(), 'pxe-site.json'))).toEqual([]);
  });

  it('names a missing source, a target written twice and a files dir that is not a folder', () => {
    const file = join(homeLab(), 'pxe-site.json');
    const site = JSON.parse(readFileSync(file, 'utf8'));
    site.butane = {
      filesDir: 'tftp/fedora-coreos/config.bu',
      sources: [
        { source: 'tftp/fedora-coreos/confg.bu', target: 'tftp/fedora-coreos/config.ign' },
        { source: 'tftp/fedora-coreos/config.bu', target: 'tftp/fedora-coreos/config.ign' },
      ],
    };
    writeFileSync(file, JSON.stringify(site, null, 2));
    expect(findings(file)).toEqual([
      'butane.filesDir tftp/fedora-coreos/config.bu is not a folder (relative to the site file): create it or ' +
        'correct the path.',
      'butane.sources[0]: tftp/fedora-coreos/confg.bu does not exist (relative to the site file): create it or ' +
        'correct the path; deploy cannot translate it.',
      'butane.sources[1]: tftp/fedora-coreos/config.ign is also the target of tftp/fedora-coreos/confg.bu: each ' +
        'Ignition file comes from one Butane source.',
    ]);
  });
});
