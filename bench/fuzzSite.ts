/** The hostile site-file group of `npm run fuzz`: generated site files with wrong types, none may crash. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { checkSite, hostileSite } from '../test/helpers/siteFuzz';

export interface SiteCampaign {
  runs: number;
  crashes: number;
  seconds: number;
}

export function siteCampaign(runs: number, seed: number, findings: string): SiteCampaign {
  const result: SiteCampaign = { runs: 0, crashes: 0, seconds: 0 };
  const started = performance.now();
  fc.assert(
    fc.property(hostileSite(), (json) => {
      result.runs++;
      const wrong = checkSite(json);
      if (wrong) {
        result.crashes++;
        writeFileSync(join(findings, `site-crash-${result.crashes}.json`), JSON.stringify(json, null, 2));
        console.log(`  CRASH (site): ${wrong.slice(0, 300)}`);
      }
      if (result.runs % 100_000 === 0) console.log(`  site: ${result.runs.toLocaleString('en')} files…`);
      return true;
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
