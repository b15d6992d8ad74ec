import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploy, generatedSnippet, loadNasTarget, type NasTarget } from '../../lib/deploy';
import { verifyUrls } from '../../lib/deploy/verify';
import { freePort, sshdLogin, startSshd, type Sshd } from '../helpers/sshd';

/** Debian's nginx as a local process on 127.0.0.1, including conf.d/*.conf in its one server. */
async function startNginx(
  dir: string,
  port: number,
): Promise<{ child: ChildProcess; conf: string; test: string; reload: string }> {
  mkdirSync(join(dir, 'conf.d'), { recursive: true });
  mkdirSync(join(dir, 'tmp'), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((t) => `  ${t}_temp_path ${join(dir, 'tmp', t)};`)
    .join('\n');
  writeFileSync(
    conf,
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;\n` +
      `error_log ${join(dir, 'error.log')};\npid ${join(dir, 'nginx.pid')};\n` +
      'events { worker_connections 64; }\nhttp {\n  access_log off;\n' +
      `${temp}\n  server {\n    listen 127.0.0.1:${port};\n    include ${join(dir, 'conf.d')}/*.conf;\n  }\n}\n`,
  );
  const args = `-c ${conf} -p ${dir}`;
  execFileSync('/usr/sbin/nginx', ['-t', '-c', conf, '-p', dir], { stdio: 'ignore' });
  const child = spawn('/usr/sbin/nginx', ['-c', conf, '-p', dir, '-g', 'daemon off;'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/`).then(
        () => true,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, conf, test: `/usr/sbin/nginx -t ${args}`, reload: `/usr/sbin/nginx -s reload ${args}` };
}

describe('deploy with a real nginx (Debian nginx on 127.0.0.1) behind a real sshd', () => {
  let sshd: Sshd;
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  let base: string;
  let port: number;
  let siteFile: string;
  let target: () => NasTarget;

  beforeAll(async () => {
    sshd = await startSshd();
    base = mkdtempSync(join(tmpdir(), 'pxe-nginx-'));
    chmodSync(base, 0o755);
    port = await freePort();
    nginx = await startNginx(join(base, 'nginx'), port);
    const url = `http://127.0.0.1:${port}/tftp/`;
    const workspace = join(base, 'workspace');
    const put = (rel: string, text: string): void => {
      mkdirSync(join(workspace, rel, '..'), { recursive: true });
      writeFileSync(join(workspace, rel), text);
    };
    put(
      'router.rsc',
      '/ip dhcp-server option\nadd code=66 name=tftp value="\'127.0.0.1\'"\n' +
        'add code=67 name=boot value="\'undionly.kpxe\'"\n' +
        `add code=17 name=root value="'${url}boot.ipxe'"\n` +
        '/ip dhcp-server option sets\nadd name=pxe options=tftp,boot,root\n' +
        '/ip dhcp-server network\nadd address=127.0.0.0/8 next-server=127.0.0.1 dhcp-option-set=pxe\n',
    );
    put('tftp/undionly.kpxe', 'ipxe placeholder');
    put(
      'tftp/boot.ipxe',
      `#!ipxe\nkernel ${url}vmlinuz initrd=main || goto failed\n` +
        `initrd --name main ${url}initrd.img || goto failed\nboot || goto failed\n:failed\nshell\n`,
    );
    put('tftp/vmlinuz', 'kernel placeholder');
    put('tftp/initrd.img', 'initrd placeholder');
    siteFile = join(workspace, 'pxe-site.json');
    writeFileSync(
      siteFile,
      JSON.stringify({
        version: 1,
        name: 'nginx-lab',
        network: { subnet: '127.0.0.0/8', router: '127.0.0.2', nas: '127.0.0.1' },
        tftp: { root: 'tftp', server: '127.0.0.1' },
        http: { baseUrl: url, root: 'tftp', nginxConfig: 'nas/www.tftp.conf' },
        router: { config: 'router.rsc' },
        targets: {
          nas: {
            kind: 'synology',
            ...sshdLogin(sshd),
            remoteRoot: join(base, 'nas', 'tftp'),
            nginxConfig: join(base, 'nginx', 'conf.d', 'www.tftp.conf'),
            nginxTest: nginx.test,
            nginxReload: nginx.reload,
          },
        },
      }),
    );
    target = () => loadNasTarget(siteFile, 'nas');
  });
  afterAll(async () => {
    nginx?.child.kill('SIGQUIT');
    await sshd?.stop();
  });

  it("generates the snippet, passes nginx -t, reloads, and serves the alias; the chain's URLs answer 200", async () => {
    const outcome = await deploy(target(), { secrets: { get: async () => undefined } });
    expect(outcome.plan.nginx).toMatchObject({ action: 'add', generated: true });
    expect(readFileSync(join(base, 'nginx', 'conf.d', 'www.tftp.conf'), 'utf8')).toBe(generatedSnippet(target()));
    expect(generatedSnippet(target())).toContain(
      `location /tftp/ {\n    alias ${join(base, 'nas', 'tftp')}/;\n    autoindex on;\n}`,
    );
    expect(outcome.result!.nginx).toBe('reloaded');
    expect(outcome.checks!.map((c) => `${c.status} ${c.url.replace(/:\d+/, ':PORT')}`)).toEqual([
      '200 http://127.0.0.1:PORT/tftp/boot.ipxe',
      '200 http://127.0.0.1:PORT/tftp/initrd.img',
      '200 http://127.0.0.1:PORT/tftp/vmlinuz',
    ]);
    // A reload hands new connections to the new workers within a moment: ask until they answer.
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/tftp/boot.ipxe`)).text(), { timeout: 5_000 })
      .toContain('#!ipxe');
    await expect
      .poll(async () => (await fetch(`http://127.0.0.1:${port}/tftp/`)).text(), { timeout: 5_000 })
      .toContain('vmlinuz');
  });

  it('rolls the snippet back when nginx -t fails, and nginx keeps serving', async () => {
    const before = readFileSync(join(base, 'nginx', 'conf.d', 'www.tftp.conf'), 'utf8');
    mkdirSync(join(siteFile, '..', 'nas'), { recursive: true });
    writeFileSync(
      join(siteFile, '..', 'nas', 'www.tftp.conf'),
      `location /tftp/ {\n    alias ${join(base, 'nas', 'tftp')}/;\n    autoindex maybe;\n}\n`,
    );
    await expect(deploy(target(), { secrets: { get: async () => undefined } })).rejects.toThrow(
      /nginx -t failed with the new snippet, so it was rolled back \(the previous one is back\).*autoindex/s,
    );
    expect(readFileSync(join(base, 'nginx', 'conf.d', 'www.tftp.conf'), 'utf8')).toBe(before);
    expect((await fetch(`http://127.0.0.1:${port}/tftp/vmlinuz`)).status).toBe(200);
  });

  it('never contacts a host other than loopback while the suites run', async () => {
    expect(process.env.PXE_WORKBENCH_LOOPBACK_ONLY).toBe('1');
    const checks = await verifyUrls(['http://192.168.255.2/tftp/boot.ipxe', `http://127.0.0.1:${port}/tftp/boot.ipxe`]);
    expect(checks).toEqual([
      { url: 'http://192.168.255.2/tftp/boot.ipxe', error: 'not checked (loopback only)', skipped: true },
      { url: `http://127.0.0.1:${port}/tftp/boot.ipxe`, status: 200 },
    ]);
  });
});
