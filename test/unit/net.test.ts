import { afterEach, describe, expect, it } from 'vitest';
import { connect, DeployError } from '../../lib/deploy';
import { fenced } from '../../lib/core/net';
import { RouterApi, RouterError } from '../../lib/router/api';
import { downloadVerified } from '../../lib/images/download';

describe('the test network fence (PXE_WORKBENCH_LOOPBACK_ONLY)', () => {
  const saved = process.env.PXE_WORKBENCH_LOOPBACK_ONLY;
  afterEach(() => {
    if (saved === undefined) delete process.env.PXE_WORKBENCH_LOOPBACK_ONLY;
    else process.env.PXE_WORKBENCH_LOOPBACK_ONLY = saved;
  });

  it('allows loopback only, and every client refuses other hosts before connecting', async () => {
    process.env.PXE_WORKBENCH_LOOPBACK_ONLY = '1';
    expect(fenced('127.0.0.1')).toBeUndefined();
    expect(fenced('::1')).toBeUndefined();
    for (const host of ['192.168.255.1', '10.0.0.1', 'example.org']) expect(fenced(host)).toMatch(/not connecting to/);
    await expect(
      connect(
        { name: 'nas', host: '192.168.255.2', port: 22, user: 'admin' },
        { secrets: { get: async () => undefined } },
      ),
    ).rejects.toThrow(DeployError);
    await expect(
      RouterApi.connect(
        { name: 'router', host: '192.168.255.1', port: 8729, user: 'admin', tls: true },
        { password: 'x' },
      ),
    ).rejects.toThrow(RouterError);
    await expect(
      downloadVerified('https://builds.coreos.fedoraproject.org/x', '/tmp/never-written', '0'.repeat(64), {
        label: 'x',
      }),
    ).rejects.toThrow(/not connecting to builds\.coreos\.fedoraproject\.org/);
    delete process.env.PXE_WORKBENCH_LOOPBACK_ONLY;
    expect(fenced('192.168.255.1')).toBeUndefined();
  });
});
