/**
 * The RouterOS API client (routeros-client + our node-routeros patch + the typed wrapper) against the
 * simulator over real sockets: both reply modes (RouterOS < 7.18 and the `!empty` of 7.18+), `!trap`,
 * `!fatal`, dropped connections, silence, long words, TLS with pinning; and the simulator itself checked
 * against an independent client (Debian's python3-librouteros).
 */
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CertificateError, RouterApi, RouterError, type ApiTarget } from '../../lib/router/api';
import { makeCertificate } from '../helpers/routerCert';
import { realTree, startSimulator, type Simulator, type SimulatorOptions } from '../helpers/routerosSim';

const running: Simulator[] = [];
async function sim(options: SimulatorOptions = {}): Promise<Simulator> {
  const s = await startSimulator({ tree: realTree(), ...options });
  running.push(s);
  return s;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

const target = (s: Simulator, extra: Partial<ApiTarget> = {}): ApiTarget => ({
  name: 'router',
  host: '127.0.0.1',
  port: s.port,
  user: 'admin',
  tls: false,
  ...extra,
});
const login = (s: Simulator, extra: Partial<ApiTarget> = {}, timeoutSeconds = 5): Promise<RouterApi> =>
  RouterApi.connect(target(s, extra), { password: 'secret', timeoutSeconds });

for (const emptyMode of [false, true]) {
  describe(`RouterOS API client, ${emptyMode ? 'RouterOS ≥ 7.18 (!empty)' : 'RouterOS < 7.18'}`, () => {
    it('prints an empty menu, adds, queries, sets and removes, with RouterOS ids and values', async () => {
      const s = await sim({ emptyMode });
      const api = await login(s);
      expect(await api.print('/ip/pool')).toEqual([]);
      expect(await api.print('/ip/dhcp-server/lease', { 'mac-address': '52:54:00:00:00:01' })).toEqual([]);
      const id = await api.add('/ip/pool', { name: 'lab', ranges: '192.168.255.100-192.168.255.199' });
      expect(id).toMatch(/^\*[0-9A-F]+$/);
      await api.add('/ip/pool', { name: 'other', ranges: '10.9.9.1-10.9.9.9' });
      expect((await api.print('/ip/pool', { name: 'lab' })).map((r) => r['.id'])).toEqual([id]);
      await api.set('/ip/pool', id, { ranges: '192.168.255.110-192.168.255.120' });
      expect((await api.print('/ip/pool', { name: 'lab' }))[0]?.ranges).toBe('192.168.255.110-192.168.255.120');
      await api.remove('/ip/pool', id);
      expect(await api.print('/ip/pool', { name: 'lab' })).toEqual([]);
      if (emptyMode) expect(s.commands.length).toBeGreaterThan(0);
      await api.close();
    });

    it("turns !trap into the router's message and keeps the connection usable", async () => {
      const s = await sim({ emptyMode });
      const api = await login(s);
      await api.add('/ip/pool', { name: 'lab', ranges: '10.0.0.1-10.0.0.9' });
      const dup = await api.add('/ip/pool', { name: 'lab', ranges: '10.0.0.1-10.0.0.9' }).catch((e: unknown) => e);
      expect(dup).toBeInstanceOf(RouterError);
      expect((dup as RouterError).trap).toMatch(/already exists/);
      expect((dup as RouterError).connectionLost).toBe(false);
      await expect(api.add('/ip/pool', { name: 'x', colour: 'blue' })).rejects.toThrow(/unknown parameter colour/);
      expect(await api.print('/ip/pool')).toHaveLength(1);
      await api.close();
    });

    it('ends a call with a clear error on !fatal, a dropped connection or silence — never hangs', async () => {
      const fatal = await sim({ emptyMode, interfere: (w) => (w[0] === '/ip/pool/add' ? 'fatal' : undefined) });
      const a = await login(fatal);
      const e1 = (await a.add('/ip/pool', { name: 'x', ranges: '10.0.0.1' }).catch((e: unknown) => e)) as RouterError;
      expect(e1.connectionLost).toBe(true);
      expect(e1.message).toMatch(/broke off.*rebooting/);
      await expect(a.print('/ip/pool')).rejects.toThrow(/closed/);

      const drop = await sim({ emptyMode, interfere: (w) => (w[0] === '/ip/pool/print' ? 'drop' : undefined) });
      const b = await login(drop);
      const e2 = (await b.print('/ip/pool').catch((e: unknown) => e)) as RouterError;
      expect(e2.connectionLost).toBe(true);

      const silent = await sim({ emptyMode, interfere: (w) => (w[0] === '/ip/pool/print' ? 'silence' : undefined) });
      const c = await login(silent, {}, 1);
      const e3 = (await c.print('/ip/pool').catch((e: unknown) => e)) as RouterError;
      expect(e3.message).toMatch(/did not answer within 1 s/);
      expect(e3.connectionLost).toBe(true);
    });
  });
}

describe('RouterOS API client: wire and login', () => {
  it('carries words of every length prefix size (1, 2, 3 and 4 bytes) both ways, split across TCP reads', async () => {
    const s = await sim();
    const api = await login(s);
    for (const length of [5, 0x7f, 0x80, 0x3fff, 0x4000, 70_000, 0x1fffff, 0x200000]) {
      const comment = 'c'.repeat(length);
      const id = await api.add('/ip/pool', { name: `p${length}`, ranges: '10.0.0.1', comment });
      expect((await api.print('/ip/pool', { '.id': id }))[0]?.comment).toHaveLength(length);
    }
    await api.close();
  });

  it('logs in to a RouterOS before 6.43 with the MD5 challenge, and refuses a wrong password there too', async () => {
    const s = await sim({ legacyLogin: true });
    const api = await login(s);
    expect(await api.print('/ip/pool')).toEqual([]);
    await api.close();
    expect(s.commands.filter((c) => c[0] === '/login').map((c) => c.some((w) => w.startsWith('=response=00')))).toEqual(
      [false, true],
    );
    await expect(RouterApi.connect(target(s), { password: 'wrong' })).rejects.toThrow(/refused user "admin"/);
  });

  it('says what to do about a wrong password, a closed port and plain API on a TLS port', async () => {
    const s = await sim();
    await expect(RouterApi.connect(target(s), { password: 'wrong' })).rejects.toThrow(
      /refused user "admin".*"api" and "write" policies/,
    );
    const closed = s.port;
    await s.close();
    running.splice(running.indexOf(s), 1);
    await expect(RouterApi.connect({ ...target(s), port: closed }, { password: 'secret' })).rejects.toThrow(
      /Nothing answers on 127\.0\.0\.1:\d+ .*\/ip service enable api/,
    );
    const cert = makeCertificate();
    const tls = await sim({ tls: cert });
    await expect(RouterApi.connect(target(tls), { password: 'secret', timeoutSeconds: 2 })).rejects.toThrow(
      RouterError,
    );
  });
});

describe('RouterOS API over TLS (api-ssl)', () => {
  it('logs in when the certificate matches the pin; refuses another before sending the password', async () => {
    const cert = makeCertificate();
    const s = await sim({ tls: cert });
    const api = await login(s, { tls: true, certificate: cert.fingerprint.toLowerCase().replace(/:/g, '') });
    expect(api.fingerprint).toBe(cert.fingerprint);
    expect(await api.print('/ip/pool')).toEqual([]);
    await api.close();

    const other = makeCertificate('someone-else');
    const before = s.commands.length;
    const refused = (await login(s, { tls: true, certificate: other.fingerprint }).catch(
      (e: unknown) => e,
    )) as CertificateError;
    expect(refused).toBeInstanceOf(CertificateError);
    expect(refused.message).toContain(`presented certificate ${cert.fingerprint}`);
    expect(refused.message).toMatch(/Nothing was sent/);
    expect(s.commands.slice(before)).toEqual([]);
  });

  it('refuses an unpinned self-signed certificate with its fingerprint (to trust on first use)', async () => {
    const cert = makeCertificate();
    const s = await sim({ tls: cert });
    const refused = (await login(s, { tls: true }).catch((e: unknown) => e)) as CertificateError;
    expect(refused).toBeInstanceOf(CertificateError);
    expect(refused.presented).toBe(cert.fingerprint);
    expect(refused.pinned).toBeUndefined();
    expect(s.commands.filter((c) => c[0] === '/login')).toEqual([]);
  });
});

const PYTHON = '/usr/bin/python3';
const hasLibrouteros =
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import librouteros'], { stdio: 'ignore' }).status === 0;

/** The same session, run by Debian's python3-librouteros (tagless, its own framing and query builder). */
const PY_SESSION = String.raw`
import json, sys
from librouteros import connect
from librouteros.exceptions import TrapError
from librouteros.query import Key
api = connect(host='127.0.0.1', port=int(sys.argv[1]), username='admin', password='secret')
out = {}
pool = api.path('ip', 'pool')
out['empty'] = list(pool)
a = pool.add(name='lab', ranges='192.168.255.100-192.168.255.199')
b = pool.add(name='other', ranges='10.9.9.1-10.9.9.9', comment='x' * 300)
out['ids'] = [a, b]
name = Key('name')
out['select'] = [dict(r) for r in pool.select(name, Key('ranges')).where(name == 'lab')]
pool.update(**{'.id': a, 'ranges': '192.168.255.110-192.168.255.120'})
for label, kwargs in [('duplicate', dict(name='lab', ranges='1.1.1.1')), ('unknown', dict(name='z', colour='blue'))]:
    try:
        pool.add(**kwargs)
    except TrapError as e:
        out[label] = e.message
lease = api.path('ip', 'dhcp-server', 'lease')
lease.add(**{'mac-address': '52:54:00:ab:cd:ef', 'address': '192.168.255.60', 'disabled': 'no'})
out['lease'] = [{k: str(v) for k, v in r.items()} for r in lease]
pool.remove(b)
out['final'] = [{k: str(v) for k, v in r.items()} for r in pool]
print(json.dumps(out))
`;

describe.skipIf(!hasLibrouteros)('the simulator, cross-checked by python3-librouteros', () => {
  for (const emptyMode of [false, true]) {
    it(`gives librouteros and our client the same answers (${emptyMode ? '!empty mode' : 'classic mode'})`, async () => {
      const s = await sim({ emptyMode });
      // Asynchronously: the simulator answers from this process's event loop.
      const py = JSON.parse(
        (await promisify(execFile)(PYTHON, ['-c', PY_SESSION, String(s.port)], { encoding: 'utf8', timeout: 20_000 }))
          .stdout,
      ) as Record<string, unknown>;
      expect(py.empty).toEqual([]);
      expect(py.ids).toEqual(['*1', '*2']);
      expect(py.select).toEqual([{ name: 'lab', ranges: '192.168.255.100-192.168.255.199' }]);
      expect(py.duplicate).toMatch(/already exists/);
      expect(py.unknown).toBe('unknown parameter colour');

      // The same steps with our client on a fresh simulator give the same state.
      const t = await sim({ emptyMode });
      const api = await login(t);
      expect(await api.print('/ip/pool')).toEqual([]);
      const a = await api.add('/ip/pool', { name: 'lab', ranges: '192.168.255.100-192.168.255.199' });
      const b = await api.add('/ip/pool', { name: 'other', ranges: '10.9.9.1-10.9.9.9', comment: 'x'.repeat(300) });
      expect([a, b]).toEqual(py.ids);
      expect(await api.run('/ip/pool/print', ['=.proplist=name,ranges', '?name=lab'])).toEqual(py.select);
      await api.set('/ip/pool', a, { ranges: '192.168.255.110-192.168.255.120' });
      await expect(api.add('/ip/pool', { name: 'lab', ranges: '1.1.1.1' })).rejects.toThrow(String(py.duplicate));
      await api.add('/ip/dhcp-server/lease', {
        'mac-address': '52:54:00:ab:cd:ef',
        address: '192.168.255.60',
        disabled: 'no',
      });
      const leases = await api.print('/ip/dhcp-server/lease');
      // librouteros casts "false" to False and numbers to int; compare as RouterOS sent them.
      const pyLease = (py.lease as Record<string, string>[]).map((r) =>
        Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === 'False' ? 'false' : v === 'True' ? 'true' : v])),
      );
      expect(leases).toEqual(pyLease);
      expect(leases[0]?.['mac-address']).toBe('52:54:00:AB:CD:EF');
      await api.remove('/ip/pool', b);
      const final = await api.print('/ip/pool');
      expect(final).toEqual(py.final);
      await api.close();
    });
  }
});
