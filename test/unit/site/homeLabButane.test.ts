/**
 * examples/home-lab gets its Ignition from a Butane config: the site names config.bu as the source of
 * config.ign, and the committed config.ign is exactly the translation (what deploy uploads), which is the
 * configuration the example had before it was written in Butane.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { translateText } from '../../../lib/deploy/butane';
import { readSite } from '../../../lib/site/view';

const DIR = resolve('examples/home-lab/tftp/fedora-coreos');

/** A config with every data: URL decoded and Butane's empty `compression` left out, for comparing meanings. */
function meaning(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(meaning);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) {
    if (key === 'compression' && v === '') continue;
    out[key] =
      key === 'source' && typeof v === 'string' && v.startsWith('data:,') ? decodeURIComponent(v.slice(6)) : meaning(v);
  }
  return out;
}

describe('examples/home-lab: config.ign is the translation of config.bu', () => {
  const translated = translateText(readFileSync(`${DIR}/config.bu`, 'utf8'), DIR);

  it('is named in butane.sources of the site file', () => {
    expect(readSite(resolve('examples/home-lab/pxe-site.json'))?.butane?.sources).toEqual([
      { source: `${DIR}/config.bu`, target: `${DIR}/config.ign` },
    ]);
  });

  it('translates without a report, to the committed config.ign byte for byte', () => {
    expect(translated.translation.reports).toEqual([]);
    expect(translated.output).toBe(readFileSync(`${DIR}/config.ign`, 'utf8'));
  });

  it('is the configuration the example had as hand-written Ignition', () => {
    const before = {
      ignition: { version: '3.4.0' },
      passwd: {
        users: [
          {
            name: 'core',
            sshAuthorizedKeys: [
              'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGJ6d0Kh1mHFv2m8cX1x3Hn0RkZ2fW9mQb5o3yq7eXk1 admin@home-lab',
            ],
          },
        ],
      },
      storage: {
        files: [
          { path: '/etc/hostname', mode: 420, overwrite: true, contents: { source: 'data:,node1%0A' } },
          {
            path: '/etc/motd.d/10-home-lab.motd',
            mode: 420,
            contents: {
              source: 'data:,Booted%20over%20the%20network%20by%20PXE%20Workbench%27s%20home-lab%20example.%0A',
            },
          },
        ],
      },
      systemd: {
        units: [
          {
            name: 'node-exporter-ready.service',
            enabled: true,
            contents:
              '[Unit]\nDescription=Announce that the node booted\nAfter=network-online.target\n' +
              'Wants=network-online.target\n\n[Service]\nType=oneshot\n' +
              'ExecStart=/usr/bin/logger -t home-lab booted over PXE\n\n[Install]\nWantedBy=multi-user.target\n',
          },
        ],
      },
    };
    expect(meaning(JSON.parse(translated.output ?? 'null'))).toEqual(meaning(before));
  });
});
