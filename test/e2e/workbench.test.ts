/**
 * The real VS Code workbench (code-server) with the packaged VSIX installed into a clean profile, driven
 * like a user would: Quick Open, Problems panel, suggestions, hovers, the command palette, quick fixes.
 * Screenshots land in docs/ for the README.
 */
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  launchBrowser,
  openFile,
  openFolder,
  problems,
  problemsFilter,
  runCommand,
  startSession,
  timed,
  type Session,
} from '../helpers/workbench';
import { SERVER_ENV, SERVER_NODE_FLAGS } from '../../lib/core';
import { sshdLogin, startSshd } from '../helpers/sshd';
import { makeCertificate } from '../helpers/routerCert';
import { realTree, startSimulator } from '../helpers/routerosSim';
import { otherVendorKernel, SECURE_BOOT_FILES } from '../helpers/secureBootSite';
import { vmMissing, vmSite } from '../helpers/vmSite';

// Screenshots go to docs/ only when asked (PXE_WORKBENCH_SCREENSHOTS=1), so a test run leaves the checkout as it was.
const DOCS = process.env.PXE_WORKBENCH_SCREENSHOTS ? resolve('docs') : mkdtempSync(join(tmpdir(), 'pxe-screenshots-'));

describe('PXE Workbench in the real VS Code workbench (installed VSIX)', () => {
  let session: Session;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    session = await timed('start code-server with the VSIX in a clean profile', () =>
      startSession({ installVsix: true }),
    );
    browser = await launchBrowser();
    page = await timed('open examples/ in the workbench', () => openFolder(browser, session, session.workspace));
  });
  afterAll(async () => {
    await browser?.close();
    await session?.stop();
  });

  it('offers once to create a site file when a boot file is opened without one', async () => {
    // examples/broken has no site file above it (home-lab's covers only home-lab/).
    await openFile(page, 'broken/unknown-command.ipxe');
    const toast = page.locator('.notification-toast', { hasText: 'No pxe-site.json in examples' });
    await toast.waitFor({ timeout: 15_000 });
    await toast.locator('.monaco-button', { hasText: "Don't Ask Again" }).click();
    await toast.waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('detects the six languages', async () => {
    await timed('language detection', async () => {
      const cases: [string, string][] = [
        ['home-lab/tftp/fedora-coreos.ipxe', 'iPXE'],
        ['home-lab/tftp/pxelinux.cfg/default', 'PXELINUX / SYSLINUX'],
        ['home-lab/router/pxe-dhcp.rsc', 'RouterOS Script'],
        ['home-lab/tftp/fedora-coreos/config.ign', 'Ignition'],
        ['broken/butane-unknown-key.bu', 'Butane'],
        ['secure-boot/tftp/grub/grub.cfg', 'GRUB'],
      ];
      for (const [file, mode] of cases) {
        await openFile(page, file);
        await expect.poll(() => page.locator('[id="status.editor.mode"]').innerText(), { timeout: 10_000 }).toBe(mode);
      }
    });
  });

  it('opens examples/home-lab with zero problems (the installed VSIX, a clean profile)', async () => {
    await timed('home lab clean', async () => {
      for (const file of [
        'home-lab/pxe-site.json',
        'home-lab/tftp/fedora-coreos.ipxe',
        'home-lab/tftp/pxelinux.cfg/default',
        'home-lab/router/pxe-dhcp.rsc',
        'home-lab/tftp/fedora-coreos/config.ign',
        'broken/unknown-command.ipxe',
      ])
        await openFile(page, file);
      await page.keyboard.press('Control+Shift+M');
      // The broken file's finding shows the server has checked what was opened; then only home-lab's.
      await page.waitForSelector('.markers-panel .monaco-list-row');
      const filter = problemsFilter(page);
      await filter.fill('unknown-command');
      await expect
        .poll(async () => (await problems(page)).join('\n'), { timeout: 20_000 })
        .toContain('ipxe.unknownCommand');
      await filter.fill('home-lab');
      await expect.poll(async () => (await problems(page)).length, { timeout: 5_000 }).toBe(0);
      await filter.fill('');
      await page.keyboard.press('Control+Shift+M');
    });
  });

  it("starts the server as designed: its compiled code kept in the extension's storage (compile cache)", async () => {
    // The server of the test above writes V8's cache 2 s after its start (server/src/start.ts).
    const storage = join(session.profile, 'user-data', 'User', 'globalStorage');
    const caches = (): string[] =>
      existsSync(storage)
        ? readdirSync(storage, { recursive: true, encoding: 'utf8' }).filter((f) =>
            /compile-cache[\\/]server-[0-9a-f]{24}\.v8cache$/.test(f),
          )
        : [];
    await expect.poll(caches, { timeout: 15_000 }).toHaveLength(1);
    // Its Node flags and environment (lib/core/launch.ts), read from the running process.
    const server = readdirSync('/proc')
      .filter((pid) => /^\d+$/.test(pid))
      .map((pid) => {
        try {
          const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
          return { pid, cmdline };
        } catch {
          return undefined;
        }
      })
      .find((p) => p?.cmdline.some((a) => a.startsWith(`--compile-cache=${storage}`)));
    expect(server?.cmdline).toEqual(expect.arrayContaining([...SERVER_NODE_FLAGS]));
    const environ = readFileSync(`/proc/${server?.pid}/environ`, 'utf8').split('\0');
    expect(environ).toEqual(expect.arrayContaining(Object.entries(SERVER_ENV).map(([k, v]) => `${k}=${v}`)));
  });

  it('shows the broken examples in the Problems panel with message, rule code and line', async () => {
    const expected: [string, string, string][] = [
      ['broken/missing-header.ipxe', 'ipxe.missingHeader', '[Ln 1, Col 1]'],
      ['broken/unknown-command.ipxe', 'ipxe.unknownCommand', '[Ln 5, Col 1]'],
      ['broken/missing-initrd.ipxe', 'ipxe.missingInitrd', '[Ln 5, Col 1]'],
      ['broken/pxelinux.cfg/default', 'pxelinux.missingLabel', '[Ln 5, Col 9]'],
      ['broken/unterminated-string.rsc', 'routeros.unterminatedString', '[Ln 4, Col 34]'],
      ['broken/legacy-spec.ign', 'ignition.unsupportedVersion', '[Ln 2, Col 28]'],
      ['broken/site-with-password/pxe-site.json', 'site.secret', '[Ln 7, Col 76]'],
    ];
    await timed('Problems panel', async () => {
      for (const [file] of expected) await openFile(page, file);
      await page.keyboard.press('Control+Shift+M');
      await page.waitForSelector('.markers-panel .monaco-list-row');
      // The list only renders the rows in view: give it the whole window, and leave out the boot-chain
      // example site, whose closed files the server checks too.
      await runCommand(page, 'View: Toggle Maximized Panel');
      const filter = problemsFilter(page);
      await filter.fill('!**/chain/**');
      await expect
        .poll(
          async () => {
            const rows = (await problems(page)).join('\n');
            return expected
              .filter(
                ([, code, line]) =>
                  !new RegExp(`${code.replace('.', '\\.')}\\)?\\s*\\${line.replace(']', '\\]')}`).test(rows),
              )
              .map(([f]) => f);
          },
          { timeout: 20_000 },
        )
        .toEqual([]);
      const rows = await problems(page);
      expect(rows.join('\n')).toContain('Unknown command `kernal`: did you mean `kernel`?');
      expect(rows.join('\n')).toContain('pxe-workbench');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
      await page.screenshot({ path: join(DOCS, 'problems-panel.png') });
      await filter.fill('');
      await runCommand(page, 'View: Toggle Maximized Panel');
    });
  });

  it('suggests iPXE commands while typing', async () => {
    await timed('completion', async () => {
      await openFile(page, 'home-lab/tftp/fedora-coreos.ipxe');
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      // `imgverify` appears nowhere in the file, so only the language server can offer it (as a function).
      await page.keyboard.type('imgve');
      await page.keyboard.press('Control+Space');
      const row = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'imgverify' }).first();
      await row.waitFor({ timeout: 10_000 });
      expect(await row.locator('.codicon-symbol-function').count()).toBe(1);
      await page.screenshot({ path: join(DOCS, 'completion.png') });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Z');
      await page.keyboard.press('Control+Z');
    });
  });

  it('shows hover docs for a command', async () => {
    await timed('hover', async () => {
      await openFile(page, 'home-lab/tftp/fedora-coreos.ipxe');
      await page.keyboard.press('Control+G');
      await page.keyboard.type('8');
      await page.keyboard.press('Enter');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover', { hasText: 'Fetch and select the kernel' }).first();
      await hover.waitFor({ timeout: 10_000 });
      expect(await hover.innerText()).toContain('kernel');
      await page.screenshot({ path: join(DOCS, 'hover.png') });
      await page.keyboard.press('Escape');
    });
  });

  it('shows the bytes a RouterOS DHCP option sends on hover', async () => {
    await timed('RouterOS hover', async () => {
      await openFile(page, 'home-lab/router/pxe-dhcp.rsc');
      await page.keyboard.press('Control+F');
      await page.keyboard.type("'lpxelinux.0'");
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover', { hasText: 'DHCP option 67' }).first();
      await hover.waitFor({ timeout: 10_000 });
      expect(await hover.innerText()).toContain('6c7078656c696e75782e30');
      await page.screenshot({ path: join(DOCS, 'routeros-hover.png') });
      await page.keyboard.press('Escape');
    });
  });

  it('shows an Ignition data: URL decoded on hover', async () => {
    await timed('Ignition hover', async () => {
      await openFile(page, 'home-lab/tftp/fedora-coreos/config.ign');
      await page.keyboard.press('Control+F');
      await page.keyboard.type('data:,node1');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover', { hasText: 'decoded' }).first();
      await hover.waitFor({ timeout: 10_000 });
      expect(await hover.innerText()).toContain('node1');
      await page.screenshot({ path: join(DOCS, 'ignition-hover.png') });
      await page.keyboard.press('Escape');
    });
  });

  it('checks a Butane config at its YAML line and shows the Ignition it becomes, following an edit', async () => {
    await timed('Butane: Problems + Show Translated Ignition', async () => {
      await openFile(page, 'broken/butane-unknown-key.bu');
      await page.keyboard.press('Control+Shift+M');
      const filter = problemsFilter(page);
      await filter.fill('butane-unknown-key');
      await expect
        .poll(async () => (await problems(page)).join('\n'), { timeout: 20_000 })
        .toMatch(/butane\.unknownKey\)?\s*\[Ln 8, Col 7\]/);
      expect((await problems(page)).join('\n')).toContain('contents');
      await filter.fill('');
      await page.keyboard.press('Control+Shift+M');
      await runCommand(page, 'PXE: Show Translated Ignition');
      const view = page.locator('.editor-group-container', { hasText: 'butane-unknown-key.bu.ign' }).first();
      await view.waitFor({ timeout: 15_000 });
      const lines = view.locator('.view-lines');
      await expect.poll(() => lines.innerText(), { timeout: 15_000 }).toContain('/etc/hostname');
      expect(await lines.innerText()).not.toContain('node1');
      // Fix the typo in the config: the view follows without a save. (Its tab, not the view's `….bu.ign.jsonc`.)
      await page.locator('.tab[data-resource-name="butane-unknown-key.bu"]').click();
      await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+F');
      await page.keyboard.type('contens');
      await page.keyboard.press('Escape');
      await page.keyboard.type('contents');
      await expect.poll(() => lines.innerText(), { timeout: 15_000 }).toContain('data:,node1');
      await page.screenshot({ path: join(DOCS, 'butane-translated.png') });
      await page.keyboard.press('Control+Z');
    });
  });

  it('lists its commands in the palette, and Create Site File writes pxe-site.json', async () => {
    await timed('command palette + Create Site File', async () => {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget input');
      await page.keyboard.type('PXE:');
      for (const title of ['PXE: Create Site File', 'PXE: Restart Language Server']) {
        await page
          .locator('.quick-input-list .monaco-list-row', { hasText: title })
          .first()
          .waitFor({ timeout: 10_000 });
      }
      await page.screenshot({ path: join(DOCS, 'command-palette.png') });
      // The palette shows only the first rows of a long list: narrow it to the last one.
      await page.keyboard.type(' Show Logs');
      await page
        .locator('.quick-input-list .monaco-list-row', { hasText: 'PXE: Show Logs' })
        .first()
        .waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      await runCommand(page, 'PXE: Create Site File');
      for (let step = 1; step <= 6; step++) {
        await page
          .locator('.quick-input-widget', { hasText: `Create Site File (${step}/6)` })
          .waitFor({ timeout: 10_000 });
        if (step === 1) {
          await page.keyboard.press('Control+A');
          await page.keyboard.type('e2e-lab');
        }
        await page.keyboard.press('Enter');
      }
      await page.locator('.tabs-container .tab.active', { hasText: 'pxe-site.json' }).waitFor({ timeout: 10_000 });
      const site = join(session.workspace, 'pxe-site.json');
      await expect.poll(() => existsSync(site)).toBe(true);
      const json = JSON.parse(readFileSync(site, 'utf8'));
      expect(json).toMatchObject({ version: 1, name: 'e2e-lab', network: { subnet: '192.168.255.0/24' } });
    });
  });

  it('applies a quick fix', async () => {
    await timed('quick fix', async () => {
      await openFile(page, 'broken/missing-header.ipxe');
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Control+.');
      const action = page
        .locator('.action-widget .monaco-list-row', { hasText: 'Insert `#!ipxe` as the first line' })
        .first();
      await action.waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(DOCS, 'quick-fix.png') });
      await action.click();
      await expect
        .poll(() => page.locator('.monaco-editor.focused .view-line').first().innerText(), { timeout: 10_000 })
        .toBe('#!ipxe');
      await page.keyboard.press('Control+S');
      await expect
        .poll(() => readFileSync(join(session.workspace, 'broken/missing-header.ipxe'), 'utf8').startsWith('#!ipxe\n'))
        .toBe(true);
    });
  });
  it('shows the boot chain: a view per firmware and machine, and a picture whose nodes open their file', async () => {
    await timed('boot chain view + picture', async () => {
      // Fold the file tree so the view has the room.
      await page.locator('.pane-header', { hasText: 'examples' }).first().click();
      await runCommand(page, 'Explorer: Focus on Boot Chain View');
      const view = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Boot Chain' }) });
      await view.locator('.monaco-list-row').first().waitFor({ timeout: 20_000 });
      // One row per site; a site opens on its firmwares, a machine on the way to the hop where it stops.
      const row = (text: string) => view.locator('.monaco-list-row', { hasText: text }).first();
      // A row may already be open (the view remembers): a click would fold it.
      const open = async (text: string) => {
        if ((await row(text).getAttribute('aria-expanded')) !== 'true') await row(text).click();
      };
      await open('broken-chain');
      await row('5 broken').waitFor({ timeout: 10_000 });
      await open('ignition-typo');
      await view
        .locator('.monaco-list-row', { hasText: 'conifg.ign' })
        .filter({ hasText: 'not there' })
        .first()
        .waitFor({ timeout: 10_000 });
      await expect
        .poll(() => view.locator('.monaco-list-row .codicon-error').count(), { timeout: 10_000 })
        .toBeGreaterThan(2);
      await open('home-lab');
      await view
        .locator('.monaco-list-row', { hasText: 'UEFI' })
        .filter({ hasText: 'all boot' })
        .first()
        .waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(DOCS, 'boot-chain-view.png') });

      await runCommand(page, 'PXE: Show Boot Chain');
      const frame = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
      await frame.locator('svg .node').first().waitFor({ timeout: 20_000 });
      const options = await frame.locator('#machine option').allInnerTexts();
      expect(options).toEqual(
        expect.arrayContaining([
          'home-lab · BIOS · Any BIOS machine — boots',
          'broken-chain · BIOS · ignition-typo — broken',
        ]),
      );
      expect(await frame.locator('#machine option:checked').innerText()).toContain('— broken');
      await frame.locator('#machine').selectOption({ label: 'broken-chain · BIOS · ignition-typo — broken' });
      await frame.locator('svg .node.missing', { hasText: 'conifg.ign' }).first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(DOCS, 'boot-chain-broken.png') });
      await frame.locator('#machine').selectOption({ label: 'home-lab · UEFI · node1 — boots' });
      await frame.locator('h2', { hasText: 'UEFI · node1' }).waitFor({ timeout: 10_000 });
      await frame.locator('svg .node.ok', { hasText: 'syslinux.efi' }).first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: join(DOCS, 'boot-chain.png') });
      // A node opens the file it resolves to.
      await frame.locator('svg .node.link', { hasText: 'fedora-coreos.ipxe' }).first().click();
      await page.locator('.tabs-container .tab.active', { hasText: 'fedora-coreos.ipxe' }).waitFor({ timeout: 10_000 });
    });
  });
  it('under Secure Boot, names the link that refuses the next and both certificates (examples/secure-boot, real binaries)', async () => {
    await timed('Secure Boot: chain of trust in Problems', async () => {
      // Debian's signed shim and GRUB in the placeholders, and a kernel re-signed by another vendor than the shim's.
      const site = join(session.workspace, 'secure-boot', 'tftp');
      const kept = mkdtempSync(join(tmpdir(), 'pxe-e2e-sb-'));
      const swapped = ['grub/shimx64.efi', 'grub/grubx64.efi', 'fedora-coreos/fedora-coreos-live-kernel-x86_64'];
      for (const file of swapped) copyFileSync(join(site, file), join(kept, file.replace(/\//g, '_')));
      copyFileSync(SECURE_BOOT_FILES.shim, join(site, 'grub', 'shimx64.efi'));
      copyFileSync(SECURE_BOOT_FILES.grubnet, join(site, 'grub', 'grubx64.efi'));
      copyFileSync(otherVendorKernel(kept), join(site, swapped[2]!));
      try {
        await openFile(page, 'secure-boot/tftp/grub/grub.cfg');
        await runCommand(page, 'PXE: Refresh Boot Chain');
        await page.keyboard.press('Control+Shift+M');
        const filter = problemsFilter(page);
        await filter.fill('secureBootRefused');
        await expect
          .poll(async () => (await problems(page)).join('\n'), { timeout: 30_000 })
          .toMatch(/GRUB refuses fedora-coreos-live-kernel-x86_64 \("error: bad shim signature\."\)/);
        const text = (await problems(page)).join('\n');
        expect(text).toContain('shim carries Debian Secure Boot CA');
        expect(text).toContain('Example Vendor Signer');
        expect(text).toMatch(/\[Ln 10, Col 9\]/);
        // The whole message in the editor's hover on the kernel's path.
        await page.locator('.markers-panel .monaco-list-row', { hasText: 'GRUB refuses' }).first().click();
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        await page
          .locator('.monaco-hover', { hasText: 'shim carries Debian Secure Boot CA' })
          .first()
          .waitFor({ timeout: 10_000 });
        await page.screenshot({ path: join(DOCS, 'secure-boot-problems.png') });
        await filter.fill('');
        await page.keyboard.press('Control+Shift+M');
      } finally {
        for (const file of swapped) copyFileSync(join(kept, file.replace(/\//g, '_')), join(site, file));
        await runCommand(page, 'PXE: Refresh Boot Chain');
      }
    });
  });
  it('keystroke latency: an edit in a 2,000-line iPXE script reaches the Problems panel (printed, never asserted)', async () => {
    await timed('keystroke latency', async () => {
      const lines = ['#!ipxe', 'set base http://192.168.255.2/tftp'];
      for (let i = 0; lines.length < 2000; i++)
        lines.push(
          `:e${i}`,
          `kernel \${base}/vmlinuz-${i} initrd=initrd-${i} || goto failed`,
          `initrd --name initrd-${i} \${base}/initrd-${i}.img || goto failed`,
          `echo ${i} && goto failed`,
        );
      lines.push(':failed', 'shell', '');
      const file = join(session.workspace, 'broken', 'latency.ipxe');
      writeFileSync(file, lines.join('\n'));
      try {
        await openFile(page, 'broken/latency.ipxe');
        await page.keyboard.press('Control+Shift+M');
        const filter = problemsFilter(page);
        await filter.fill('latency.ipxe');
        const shown = async () => (await problems(page)).join('\n').includes('ipxe.unknownCommand');
        await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
        await page.keyboard.press('Control+End');
        const samples: number[] = [];
        for (let i = 0; i < 5; i++) {
          await page.keyboard.type('kernal x');
          // From the last keystroke to the finding in the Problems panel: debounce, analysis, publish, render.
          const started = Date.now();
          await expect.poll(shown, { timeout: 15_000, interval: 10 }).toBe(true);
          samples.push(Date.now() - started);
          for (let k = 0; k < 'kernal x'.length; k++) await page.keyboard.press('Backspace');
          await expect.poll(shown, { timeout: 15_000, interval: 10 }).toBe(false);
        }
        samples.sort((a, b) => a - b);
        console.log(
          `[e2e] keystroke → Problems panel, 2,000-line iPXE script: median ${samples[2]} ms ` +
            `(samples ${samples.join(', ')} ms)`,
        );
        await filter.fill('');
        await page.keyboard.press('Control+Shift+M');
        await runCommand(page, 'File: Revert File');
        await page.keyboard.press('Control+W');
      } finally {
        rmSync(file, { force: true });
      }
    });
  });
  it('deploys to a NAS from the palette: a preview to confirm, progress, then the result (real sshd on 127.0.0.1)', async () => {
    const sshd = await startSshd();
    try {
      await timed('deploy to NAS', async () => {
        // A site in the workspace whose NAS is the local sshd (the home lab's own NAS is never contacted).
        const root = join(session.workspace, 'deploy-lab');
        cpSync(join(session.workspace, 'home-lab'), root, { recursive: true });
        const site = JSON.parse(readFileSync(join(root, 'pxe-site.json'), 'utf8'));
        site.name = 'deploy-lab';
        site.targets = {
          nas: {
            kind: 'synology',
            ...sshdLogin(sshd),
            remoteRoot: join(session.profile, 'nas', 'tftp'),
          },
        };
        writeFileSync(join(root, 'pxe-site.json'), JSON.stringify(site, null, 2));
        await runCommand(page, 'PXE: Deploy to NAS…');
        // Several sites have NAS targets: pick ours.
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'deploy-lab' }).first().click();
        const dialog = page.locator('.monaco-dialog-box');
        await dialog.waitFor({ timeout: 20_000 });
        await expect.poll(() => dialog.innerText()).toMatch(/deploy to nas\? \d+ to add, 0 to change, 0 to remove/);
        await page.screenshot({ path: join(DOCS, 'deploy-preview.png') });
        await dialog.locator('.monaco-button', { hasText: 'Deploy' }).first().click();
        await page.locator('.notification-toast', { hasText: 'deployed to nas' }).first().waitFor({ timeout: 30_000 });
        await page.locator('.statusbar-item', { hasText: 'nas: deployed' }).first().waitFor({ timeout: 10_000 });
        await page
          .locator('.notification-toast', { hasText: 'deploying to nas' })
          .waitFor({ state: 'detached', timeout: 10_000 })
          .catch(() => undefined);
        await page.screenshot({ path: join(DOCS, 'deploy-done.png') });
        expect(readFileSync(join(session.profile, 'nas', 'tftp', 'fedora-coreos.ipxe'), 'utf8')).toBe(
          readFileSync(join(root, 'tftp', 'fedora-coreos.ipxe'), 'utf8'),
        );
      });
    } finally {
      await sshd.stop();
    }
  });

  it(
    'deploys to a router from the palette: password once, a preview to confirm, ' +
      'then the plan view shows it up to date (RouterOS API simulator)',
    async () => {
      const sshd = await startSshd();
      const cert = makeCertificate();
      const sim = await startSimulator({
        tree: realTree(),
        credentials: { user: sshd.user, password: 'router-secret' },
        tls: cert,
        emptyMode: true,
      });
      try {
        await timed('deploy to router', async () => {
          const root = join(session.workspace, 'router-lab');
          cpSync(join(session.workspace, 'home-lab'), root, { recursive: true });
          const site = JSON.parse(readFileSync(join(root, 'pxe-site.json'), 'utf8'));
          site.name = 'router-lab';
          site.targets = {
            router: {
              kind: 'mikrotik',
              ...sshdLogin(sshd),
              apiPort: sim.port,
              apiCertificate: cert.fingerprint,
            },
          };
          writeFileSync(join(root, 'pxe-site.json'), JSON.stringify(site, null, 2));
          await runCommand(page, 'PXE: Deploy to Router…');
          await page.locator('.quick-input-list .monaco-list-row', { hasText: 'router-lab' }).first().click();
          const password = page.locator('.quick-input-widget input[type="password"]');
          await password.waitFor({ timeout: 20_000 });
          await password.fill('router-secret');
          await password.press('Enter');
          const dialog = page.locator('.monaco-dialog-box');
          await dialog.waitFor({ timeout: 20_000 });
          await expect.poll(() => dialog.innerText()).toMatch(/deploy to router\? 13 to add, 0 to change, 0 to remove/);
          await page.screenshot({ path: join(DOCS, 'router-preview.png') });
          await dialog.locator('.monaco-button', { hasText: 'Deploy' }).first().click();
          await page
            .locator('.notification-toast', { hasText: 'deployed to router' })
            .first()
            .waitFor({ timeout: 30_000 });
          expect(sim.menus.get('/ip/dhcp-server/option/sets')?.map((r) => r.name)).toEqual([
            'pxe-bios',
            'pxe-uefi',
            'node1',
          ]);

          await runCommand(page, 'PXE: Show Router Plan');
          await page.locator('.quick-input-list .monaco-list-row', { hasText: 'router-lab' }).first().click();
          await page
            .locator('.monaco-editor .view-lines', { hasText: '13 already right' })
            .first()
            .waitFor({ timeout: 20_000 });
          await page.screenshot({ path: join(DOCS, 'router-plan.png') });
        });
      } finally {
        await sim.close();
        await sshd.stop();
      }
    },
  );

  it.skipIf(vmMissing() !== undefined)(
    'boots the test VM from the palette and shows the Boot Timeline and the serial console (QEMU on this machine)',
    async () => {
      await timed('test VM', async () => {
        const built = vmSite();
        cpSync(built.root, join(session.workspace, 'vm-lab'), { recursive: true });
        await runCommand(page, 'PXE: Start Test VM');
        const row = (text: string) => page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
        await row('vm-lab').click();
        await row('UEFI').click();
        await row('uefi-ipxe').click();
        await page
          .locator('.statusbar-item', { hasText: 'VM: Initramfs reached' })
          .first()
          .waitFor({ timeout: 180_000 });
        // Give the Boot Timeline the side bar: fold every other open view (the file tree, the Boot Chain…).
        const open = page
          .locator('.part.sidebar .pane-header[aria-expanded="true"]:visible')
          .filter({ hasNotText: 'Boot Timeline' });
        for (let i = await open.count(); i > 0; i--) await open.first().click({ timeout: 5_000 });
        const timeline = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Boot Timeline' }) });
        await expect
          .poll(() => timeline.innerText())
          .toMatch(/Kernel: vmlinuz[\s\S]*Linux started[\s\S]*Furthest stage: Initramfs reached/);
        await page.screenshot({ path: join(DOCS, 'vm-timeline.png') });
        await page.locator('.pane-header', { hasText: 'examples' }).first().click();
        await page.locator('.pane-header', { hasText: 'Boot Chain' }).first().click();
        await page
          .locator('.statusbar-item', { hasText: 'VM: Initramfs reached' })
          .first()
          .waitFor({ timeout: 10_000 });
      });
    },
  );
});
