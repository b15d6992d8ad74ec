import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LookupError, lookupOrder } from '../../../lib/languages/pxelinux/lookup';
import { explainLookup, formatLookup } from '../../../lib/languages/pxelinux/lookupFiles';
import { diskFiles } from '../../../lib/site/disk';

describe('PXELINUX config lookup', () => {
  it('tries the UUID, 01-<mac>, the hex IP shortened digit by digit, then default', () => {
    expect(
      lookupOrder({ uuid: 'B8945908-D6A6-41A9-611D-74A6AB80B83D', mac: '88:99:AA:BB:CC:DD', ip: '192.0.2.91' }),
    ).toEqual([
      'b8945908-d6a6-41a9-611d-74a6ab80b83d',
      '01-88-99-aa-bb-cc-dd',
      'C000025B',
      'C000025',
      'C00002',
      'C0000',
      'C000',
      'C00',
      'C0',
      'C',
      'default',
    ]);
  });

  it('accepts MACs with colons, dashes or none, and explains bad input', () => {
    expect(lookupOrder({ mac: '52-54-00-12-34-56', ip: '10.0.0.1' })[0]).toBe('01-52-54-00-12-34-56');
    expect(lookupOrder({ mac: '525400123456', ip: '10.0.0.1' })[0]).toBe('01-52-54-00-12-34-56');
    expect(() => lookupOrder({ mac: '52:54:00', ip: '10.0.0.1' })).toThrow(LookupError);
    expect(() => lookupOrder({ mac: '52:54:00:12:34:56', ip: '10.0.0.256' })).toThrow(/not an IPv4 address/);
  });

  it('marks the first file that exists as the one used', () => {
    const root = mkdtempSync(join(tmpdir(), 'pxe-lookup-'));
    mkdirSync(join(root, 'pxelinux.cfg'));
    for (const name of ['C0A8FF', 'default']) writeFileSync(join(root, 'pxelinux.cfg', name), '');
    const result = explainLookup({ mac: '52:54:00:12:34:56', ip: '192.168.255.50' }, root, diskFiles());
    expect(result.chosen?.name).toBe('C0A8FF');
    expect(formatLookup(result)).toMatch(/C0A8FF {3}← used[\s\S]*default {3}\(exists, not reached\)/);
  });
});
