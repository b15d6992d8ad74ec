import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { serveArtifacts } from '../helpers/artifactServer';
import { sshdLogin, startSshd } from '../helpers/sshd';
import { makeCertificate } from '../helpers/routerCert';
import { vmMissing, vmSite } from '../helpers/vmSite';
import { realTree, startSimulator } from '../helpers/routerosSim';
import { analysed, codeOf, diagnosticsOf, EXTENSION_ID, waitFor, workspaceUri } from './helpers';

/** A real RouterOS 7.24 command tree (restraml's dump), when the shared reference folder is there. */
const ROUTEROS_DUMP = path.resolve(__dirname, '../../../../shared/reference/routeros/restraml-7.24-inspect.json');

/**
 * A copy of the workspace folder `from` as `to` (the site named after it), its pxe-site.json changed by `edit`:
 * the copy's root folder.
 */
function copyLab(
  from: string,
  to: string,
  edit: (site: { targets: Record<string, unknown>; nodes: unknown[] }) => void,
): string {
  const root = workspaceUri(to).fsPath;
  fs.cpSync(workspaceUri(from).fsPath, root, { recursive: true });
  const site = JSON.parse(fs.readFileSync(path.join(root, 'pxe-site.json'), 'utf8'));
  site.name = to;
  edit(site);
  fs.writeFileSync(path.join(root, 'pxe-site.json'), JSON.stringify(site, null, 2));
  return root;
}

/** examples/broken: file → the one rule it must produce (the same table as examples/broken/README.md). */
const BROKEN: [string, string, number][] = [
  ['missing-header.ipxe', 'ipxe.missingHeader', 0],
  ['unknown-command.ipxe', 'ipxe.unknownCommand', 4],
  ['missing-initrd.ipxe', 'ipxe.missingInitrd', 4],
  ['goto-typo.ipxe', 'ipxe.undefinedLabel', 4],
  ['initrd-name-mismatch.ipxe', 'ipxe.initrdNameMismatch', 4],
  ['ignition-url-typo.ipxe', 'ipxe.unknownKernelArgument', 4],
  ['pxelinux.cfg/default', 'pxelinux.missingLabel', 4],
  ['pxelinux.cfg/01-52-54-00-12-34-56', 'pxelinux.unknownKeyword', 3],
  ['pxelinux.cfg/C0A8FF32', 'pxelinux.missingFile', 8],
  ['unterminated-string.rsc', 'routeros.unterminatedString', 3],
  ['unbalanced-bracket.rsc', 'routeros.unbalancedBracket', 3],
  ['option-value.rsc', 'routeros.dhcpOptionValue', 3],
  ['trailing-comma.ign', 'ignition.jsonSyntax', 4],
  ['legacy-spec.ign', 'ignition.unsupportedVersion', 1],
  ['missing-version.ign', 'ignition.missingVersion', 0],
  ['relative-path.ign', 'ignition.pathNotAbsolute', 3],
  ['octal-mode.ign', 'ignition.modeLooksOctal', 3],
  ['site-with-password/pxe-site.json', 'site.secret', 6],
];

describe('PXE Workbench in the extension host', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not installed`);
    await extension.activate();
  });

  it('detects the four languages', async () => {
    const cases: [string[], string][] = [
      [['home-lab', 'tftp', 'fedora-coreos.ipxe'], 'ipxe'],
      [['home-lab', 'tftp', 'pxelinux.cfg', 'default'], 'pxelinux'],
      [['home-lab', 'router', 'pxe-dhcp.rsc'], 'routeros'],
      [['home-lab', 'tftp', 'fedora-coreos', 'config.ign'], 'ignition'],
    ];
    for (const [path, language] of cases) {
      const doc = await vscode.workspace.openTextDocument(workspaceUri(...path));
      assert.equal(doc.languageId, language, path.join('/'));
    }
  });

  it('reports the expected rule, on the expected line, for every broken example', async () => {
    for (const [file, rule, line] of BROKEN) {
      const diagnostics = await diagnosticsOf(workspaceUri('broken', ...file.split('/')));
      assert.deepEqual([...new Set(diagnostics.map(codeOf))], [rule], file);
      assert.equal(diagnostics[0]!.range.start.line, line, `${file}: line`);
      const code = diagnostics[0]!.code;
      assert.ok(typeof code === 'object' && code.target.toString().includes('docs/rules.md'), `${file}: docs link`);
    }
  });

  it('leaves schema errors in pxe-site.json to VS Code JSON support (no double report)', async () => {
    const uri = workspaceUri('broken', 'site-typo', 'pxe-site.json');
    const all = await waitFor('JSON schema diagnostics', async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const d = vscode.languages.getDiagnostics(uri);
      return d.length ? d : undefined;
    });
    assert.ok(
      all.some((d) => /pattern|match/i.test(d.message)),
      JSON.stringify(all.map((d) => d.message)),
    );
    assert.equal(all.filter((d) => d.source === 'pxe-workbench').length, 0);
  });

  it('shows nothing on the clean home lab', async () => {
    for (const path of [
      ['tftp', 'fedora-coreos.ipxe'],
      ['tftp', 'pxelinux.cfg', 'default'],
      ['router', 'pxe-dhcp.rsc'],
      ['tftp', 'fedora-coreos', 'config.ign'],
    ]) {
      const uri = workspaceUri('home-lab', ...path);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await analysed(uri);
      assert.deepEqual(
        vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'pxe-workbench'),
        [],
        path.join('/'),
      );
    }
  });

  it('completes iPXE commands through the completion provider', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'ipxe', content: '#!ipxe\nker' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      new vscode.Position(1, 3),
    );
    const kernel = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'kernel');
    assert.ok(kernel, 'kernel is offered');
    assert.match(String(kernel.detail), /kernel \[--name n\]/);
  });

  it('shows hover docs through the hover provider', async () => {
    const uri = workspaceUri('home-lab', 'tftp', 'fedora-coreos.ipxe');
    const doc = await vscode.workspace.openTextDocument(uri);
    const line = doc
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('kernel '));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(line, 2),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*kernel\*\*/);
  });

  it('applies quick fixes and the result is clean', async () => {
    const uri = workspaceUri('broken', 'unknown-command.ipxe');
    const [diagnostic] = await diagnosticsOf(uri);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic!.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title.includes('kernel'));
    assert.ok(fix?.edit, `quick fix offered: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.match(doc.getText(), /^kernel http:/m);
    await diagnosticsOf(uri, (d) => d.length === 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('opens a data: URL decoded, and saving the view re-encodes it into the config', async () => {
    const uri = workspaceUri('home-lab', 'tftp', 'fedora-coreos', 'config.ign');
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf('data:,node1'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(at, at),
    );
    const decode = actions.find((a) => a.title === 'Decode to an editable view');
    assert.ok(decode?.command, `actions: ${actions.map((a) => a.title).join(', ')}`);
    await vscode.commands.executeCommand(decode.command.command, ...(decode.command.arguments ?? []));
    const view = vscode.window.activeTextEditor!.document;
    assert.equal(view.uri.scheme, 'pxe-data');
    assert.equal(view.getText(), 'node1\n');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(view.uri, new vscode.Range(view.positionAt(0), view.positionAt(view.getText().length)), 'node2\n');
    await vscode.workspace.applyEdit(edit);
    await view.save();
    const saved = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.match(saved, /"source": "data:,node2%0A"/);
    const convert = actions.find((a) => a.title === 'Convert data: URL to base64');
    assert.ok(convert?.edit, 'convert action offered');
  });

  it('embeds a local file with "Encode file…"', async () => {
    const uri = workspaceUri('home-lab', 'tftp', 'fedora-coreos', 'config.ign');
    const doc = await vscode.workspace.openTextDocument(uri);
    const at = doc.positionAt(doc.getText().indexOf('"data:,Booted') + 2);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      new vscode.Range(at, at),
    );
    const encode = actions.find((a) => a.title.startsWith('Encode file'));
    assert.ok(encode?.command, `actions: ${actions.map((a) => a.title).join(', ')}`);
    const window = vscode.window as { showOpenDialog: typeof vscode.window.showOpenDialog };
    const original = window.showOpenDialog;
    window.showOpenDialog = async () => [workspaceUri('home-lab', 'nas', 'www.tftp.conf')];
    try {
      assert.equal(
        await vscode.commands.executeCommand(encode.command.command, ...(encode.command.arguments ?? [])),
        true,
      );
    } finally {
      window.showOpenDialog = original;
    }
    assert.match(doc.getText(), /"source": "data:,%23%20nginx%20on%20the%20Synology/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('shows the Ignition a Butane config becomes beside it, and the view follows edits', async () => {
    const uri = workspaceUri('butane-view', 'config.bu');
    fs.mkdirSync(path.dirname(uri.fsPath), { recursive: true });
    fs.writeFileSync(path.join(path.dirname(uri.fsPath), 'motd.txt'), 'hello from butane\n');
    fs.writeFileSync(
      uri.fsPath,
      'variant: fcos\nversion: 1.5.0\nstorage:\n  files:\n    - path: /etc/motd\n      contents:\n        local: motd.txt\n',
    );
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'butane');
    assert.equal(await vscode.commands.executeCommand('pxeWorkbench.showTranslatedIgnition'), true);
    const view = await waitFor('the translated view', () =>
      vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'pxe-ignition'),
    );
    assert.match(view.getText(), /"version": "3\.4\.0"/);
    assert.match(view.getText(), /hello%20from%20butane/);
    const at = doc.getText().indexOf('1.5.0');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(at), doc.positionAt(at + 5)), '1.6.0');
    await vscode.workspace.applyEdit(edit);
    await waitFor('the view after the edit', () => (view.getText().includes('"version": "3.5.0"') ? true : undefined));
    await doc.save();
  });

  it('contributes its commands, and Restart and Show Logs run', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'pxeWorkbench.createSiteFile',
      'pxeWorkbench.restartServer',
      'pxeWorkbench.showLogs',
      'pxeWorkbench.explainPxelinuxLookup',
      'pxeWorkbench.loadRouterOsTree',
      'pxeWorkbench.ignition.openDecoded',
      'pxeWorkbench.ignition.encodeFile',
    ]) {
      assert.ok(commands.includes(id), id);
    }
    await vscode.commands.executeCommand('pxeWorkbench.restartServer');
    // Every contributed command has a handler (a palette entry without one fails when chosen).
    const contributed = (
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string }[] } }
    ).contributes.commands.map((c) => c.command);
    for (const id of contributed) assert.ok(commands.includes(id), `${id} is contributed but not registered`);
    // Show Logs asks which channel; named, it opens that one.
    const window = vscode.window as unknown as Record<string, unknown>;
    const saved = window.showQuickPick;
    let offered: string[] = [];
    window.showQuickPick = async (items: readonly { label: string }[]) => {
      offered = (await items).map((i) => i.label);
      return (await items).find((i) => i.label === 'Deploy');
    };
    try {
      assert.equal(await vscode.commands.executeCommand('pxeWorkbench.showLogs'), 'Deploy');
      assert.deepEqual(offered, ['Language Server', 'Deploy', 'Test VM', 'Images']);
      assert.equal(await vscode.commands.executeCommand('pxeWorkbench.showLogs', 'Test VM'), 'Test VM');
    } finally {
      window.showQuickPick = saved;
    }
    // The walkthrough's steps name commands that exist and images that ship.
    const walkthrough = (
      vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as {
        contributes: { walkthroughs: { steps: { description: string; media: { image: string } }[] }[] };
      }
    ).contributes.walkthroughs[0]!;
    for (const step of walkthrough.steps) {
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g))
        assert.ok(commands.includes(id!), `walkthrough button ${id}`);
      assert.ok(
        fs.existsSync(path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, step.media.image)),
        step.media.image,
      );
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#gettingStarted`, false);
    const uri = workspaceUri('broken', 'missing-header.ipxe');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await diagnosticsOf(uri);
  });

  it('checks the boot chain across files, even files that are not open, and links paths to files', async () => {
    // typo.ipxe is never opened: the server re-checks the chain's files on its own.
    const typo = workspaceUri('broken', 'chain', 'tftp', 'typo.ipxe');
    const found = await waitFor(
      'the chain finding on a closed file',
      () => {
        const ours = vscode.languages.getDiagnostics(typo).filter((d) => d.source === 'pxe-workbench');
        return ours.find((d) => codeOf(d) === 'chain.ignitionUnreachable');
      },
      30_000,
    );
    assert.equal(found.range.start.line, 3);
    assert.match(found.message, /conifg\.ign/);
    const related = found.relatedInformation?.[0];
    assert.ok(related, 'related information points at where the script is named');
    assert.equal(related.location.uri.toString(), workspaceUri('broken', 'chain', 'router', 'pxe-dhcp.rsc').toString());

    const config = workspaceUri('home-lab', 'tftp', 'pxelinux.cfg', 'default');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(config));
    const links = await waitFor('document links', async () => {
      const all = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', config);
      return all?.length ? all : undefined;
    });
    const targets = links.map((l) => l.target?.path ?? '');
    assert.ok(
      targets.some((t) => t.endsWith('/home-lab/tftp/fedora-coreos.ipxe')),
      targets.join(', '),
    );
    assert.ok(
      targets.some((t) => t.endsWith('/home-lab/tftp/fedora-coreos/config.ign')),
      targets.join(', '),
    );

    const commands = await vscode.commands.getCommands(true);
    for (const id of ['pxeWorkbench.showBootChain', 'pxeWorkbench.refreshBootChain'])
      assert.ok(commands.includes(id), id);
    await vscode.commands.executeCommand('pxeWorkbench.refreshBootChain');
    await vscode.commands.executeCommand('pxeWorkbench.showBootChain');
    await waitFor('the Boot Chain picture', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === 'Boot Chain'),
    );
  });

  it('reports images not downloaded yet as information, and its quick fix runs the image updater (served on 127.0.0.1)', async function () {
    this.timeout(60_000);
    const server = await serveArtifacts();
    try {
      await server.release('42.20251110.3.0');
      const root = workspaceUri('images-lab').fsPath;
      const write = (rel: string, text: string): void => {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), text);
      };
      write(
        'pxe-site.json',
        JSON.stringify({
          version: 1,
          name: 'images-lab',
          network: { subnet: '192.168.255.0/24', router: '192.168.255.1', nas: '192.168.255.2' },
          tftp: { root: 'tftp', server: '192.168.255.2' },
          http: { baseUrl: 'http://192.168.255.2/tftp/', root: 'tftp' },
          router: { config: 'router.rsc' },
          images: { dir: 'tftp/fcos', streamUrl: server.streamUrl },
        }),
      );
      write(
        'router.rsc',
        '/ip dhcp-server option\nadd code=66 name=tftp value="\'192.168.255.2\'"\n' +
          'add code=67 name=boot value="\'undionly.kpxe\'"\n' +
          'add code=17 name=root value="\'http://192.168.255.2/tftp/boot.ipxe\'"\n' +
          '/ip dhcp-server option sets\nadd name=pxe options=tftp,boot,root\n' +
          '/ip dhcp-server network\nadd address=192.168.255.0/24 next-server=192.168.255.2 dhcp-option-set=pxe\n',
      );
      write('tftp/undionly.kpxe', 'placeholder');
      write(
        'tftp/boot.ipxe',
        '#!ipxe\nkernel fcos/kernel-x86_64 initrd=main ' +
          'coreos.live.rootfs_url=http://192.168.255.2/tftp/fcos/rootfs.x86_64.img ' +
          'ignition.firstboot ignition.platform.id=metal || goto failed\n' +
          'initrd --name main fcos/initramfs.x86_64.img || goto failed\nboot || goto failed\n:failed\nshell\n',
      );
      const script = workspaceUri('images-lab', 'tftp', 'boot.ipxe');
      const infos = await diagnosticsOf(
        script,
        (d) => d.filter((x) => codeOf(x) === 'chain.imageMissing').length === 3,
      );
      assert.ok(
        infos.every((d) => d.severity === vscode.DiagnosticSeverity.Information),
        'absent images are information, not errors',
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        script,
        infos[0]!.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fix = actions.find((a) => a.title === 'Download with the image updater');
      assert.ok(fix?.command, actions.map((a) => a.title).join(', '));
      assert.equal(fix.command.command, 'pxeWorkbench.updateImages');
      const result = (await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []))) as
        { release: string } | undefined;
      assert.equal(result?.release, '42.20251110.3.0');
      assert.equal(
        fs.readlinkSync(path.join(root, 'tftp', 'fcos', 'kernel-x86_64')),
        'fedora-coreos-42.20251110.3.0-live-kernel-x86_64',
      );
      // The editor's file watcher tells the server; the findings go away.
      await waitFor(
        'the image findings to clear',
        () =>
          vscode.languages.getDiagnostics(script).some((d) => codeOf(d) === 'chain.imageMissing') ? undefined : true,
        20_000,
      );
    } finally {
      await server.close();
    }
  });

  it(
    'deploys to a NAS (a real sshd on 127.0.0.1): preview, passphrase kept in secret storage, ' +
      'plan view, compare, upload on save',
    async function () {
      this.timeout(90_000);
      const sshd = await startSshd();
      const window = vscode.window as unknown as Record<string, unknown>;
      const saved = {
        showInputBox: window.showInputBox,
        showQuickPick: window.showQuickPick,
        showInformationMessage: window.showInformationMessage,
      };
      try {
        const remoteRoot = path.join(workspaceUri('deploy-lab').fsPath, '..', '.deploy-lab-nas', 'tftp');
        const root = copyLab('home-lab', 'deploy-lab', (site) => {
          site.targets.nas = {
            kind: 'synology',
            ...sshdLogin(sshd, sshd.encryptedKeyFile),
            remoteRoot,
            uploadOnSave: true,
          };
        });
        let asked = 0;
        const modals: string[] = [];
        window.showInputBox = async (options?: vscode.InputBoxOptions) => {
          asked++;
          assert.equal(options?.password, true, 'secrets are typed hidden');
          return sshd.passphrase;
        };
        window.showQuickPick = async (items: readonly { description?: string }[]) =>
          (await items).find((i) => i.description?.startsWith('deploy-lab'));
        window.showInformationMessage = async (message: string, ...rest: unknown[]) => {
          if ((rest[0] as { modal?: boolean } | undefined)?.modal) {
            modals.push(message);
            return 'Deploy';
          }
          return undefined;
        };
        const outcome = (await vscode.commands.executeCommand('pxeWorkbench.deployToNas')) as
          { result?: { uploaded: string[] } } | undefined;
        assert.ok(outcome?.result, 'deployed');
        assert.match(modals[0] ?? '', /deploy to nas\? \d+ to add, 0 to change, 0 to remove/);
        assert.equal(
          fs.readFileSync(path.join(remoteRoot, 'fedora-coreos.ipxe'), 'utf8'),
          fs.readFileSync(path.join(root, 'tftp', 'fedora-coreos.ipxe'), 'utf8'),
        );
        assert.equal(asked, 1, 'the passphrase was asked once');

        // The passphrase is in secret storage now: the plan needs no question.
        await vscode.commands.executeCommand('pxeWorkbench.showDeployPlan');
        assert.equal(asked, 1);
        const plan = await waitFor('the plan view', () =>
          vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === 'pxe-plan'),
        );
        assert.match(plan.document.getText(), /0 to add, 0 to change, 0 to remove, \d+ unchanged/);

        const script = vscode.Uri.file(path.join(root, 'tftp', 'fedora-coreos.ipxe'));
        assert.equal(await vscode.commands.executeCommand('pxeWorkbench.compareWithNas', script), true);
        await waitFor('the diff editor', () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .find(
              (t) =>
                t.input instanceof vscode.TabInputTextDiff &&
                (t.input as vscode.TabInputTextDiff).original.scheme === 'pxe-remote',
            ),
        );

        const doc = await vscode.workspace.openTextDocument(script);
        const editor = await vscode.window.showTextDocument(doc);
        await editor.edit((e) => e.insert(new vscode.Position(doc.lineCount, 0), '# saved in the editor\n'));
        await doc.save();
        await waitFor(
          'upload on save',
          () =>
            fs.readFileSync(path.join(remoteRoot, 'fedora-coreos.ipxe'), 'utf8').includes('# saved in the editor')
              ? true
              : undefined,
          30_000,
        );
        assert.equal(asked, 1);
      } finally {
        Object.assign(window, saved);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await sshd.stop();
      }
    },
  );

  it(
    'deploys to a router (RouterOS API simulator over TLS + a real sshd): ' +
      'certificate trusted and recorded, plan, apply, plan view, pull',
    async function () {
      this.timeout(90_000);
      const sshd = await startSshd();
      const cert = makeCertificate();
      const sim = await startSimulator({
        tree: realTree(),
        credentials: { user: sshd.user, password: 'router-secret' },
        tls: cert,
        emptyMode: true,
      });
      const window = vscode.window as unknown as Record<string, unknown>;
      const saved = {
        showInputBox: window.showInputBox,
        showQuickPick: window.showQuickPick,
        showInformationMessage: window.showInformationMessage,
        showWarningMessage: window.showWarningMessage,
      };
      try {
        const root = copyLab('home-lab', 'router-lab', (site) => {
          site.targets.router = {
            kind: 'mikrotik',
            ...sshdLogin(sshd),
            apiPort: sim.port,
          };
        });
        let asked = 0;
        const modals: string[] = [];
        window.showInputBox = async (options?: vscode.InputBoxOptions) => {
          asked++;
          assert.equal(options?.password, true, 'secrets are typed hidden');
          return 'router-secret';
        };
        window.showQuickPick = async (items: readonly { description?: string }[]) =>
          (await items).find((i) => i.description?.startsWith('router-lab'));
        window.showWarningMessage = async (message: string, ...rest: unknown[]) => {
          if ((rest[0] as { modal?: boolean } | undefined)?.modal) {
            modals.push(message);
            return rest.includes('Trust and Record') ? 'Trust and Record' : undefined;
          }
          return undefined;
        };
        window.showInformationMessage = async (message: string, ...rest: unknown[]) => {
          if ((rest[0] as { modal?: boolean } | undefined)?.modal) {
            modals.push(message);
            return 'Deploy';
          }
          return undefined;
        };
        const outcome = (await vscode.commands.executeCommand('pxeWorkbench.deployToRouter')) as
          { result?: { applied: unknown[] } } | undefined;
        assert.equal(outcome?.result?.applied.length, 13, 'the home lab settings were applied');
        assert.match(modals[0] ?? '', new RegExp(`presents API certificate ${cert.fingerprint}`));
        assert.match(modals[1] ?? '', /deploy to router\? 13 to add, 0 to change, 0 to remove/);
        assert.equal(
          JSON.parse(fs.readFileSync(path.join(root, 'pxe-site.json'), 'utf8')).targets.router.apiCertificate,
          cert.fingerprint,
          'the certificate is pinned in the site file',
        );
        assert.equal(asked, 1, 'the password was asked once');
        assert.equal(sim.menus.get('/ip/dhcp-server/lease')?.[0]?.['dhcp-option-set'], 'node1');

        await vscode.commands.executeCommand('pxeWorkbench.showRouterPlan');
        const plan = await waitFor('the router plan view', () =>
          vscode.window.visibleTextEditors.find(
            (e) => e.document.uri.scheme === 'pxe-plan' && e.document.uri.path.includes('Router plan'),
          ),
        );
        assert.match(plan.document.getText(), /0 to add, 0 to change, 0 to remove, 13 already right\./);
        assert.equal(asked, 1, 'the password came from secret storage');

        const pulled = (await vscode.commands.executeCommand('pxeWorkbench.pullRouterConfig')) as string | undefined;
        assert.match(pulled ?? '', /add name=lab-pool ranges=192\.168\.255\.100-192\.168\.255\.199/);
        await waitFor('the pull diff editor', () =>
          vscode.window.tabGroups.all
            .flatMap((g) => g.tabs)
            .find(
              (t) =>
                t.input instanceof vscode.TabInputTextDiff &&
                (t.input as vscode.TabInputTextDiff).original.path.endsWith('(router).rsc'),
            ),
        );
      } finally {
        Object.assign(window, saved);
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await sim.close();
        await sshd.stop();
      }
    },
  );

  it('boots the test VM from the command (quick picks) and as a pxe-vm task (exit code), with the timeline', async function () {
    const missing = vmMissing();
    if (missing) {
      console.log(`(test VM skipped: apt-get install ${missing})`);
      this.skip();
    }
    this.timeout(240_000);
    const built = vmSite();
    const root = workspaceUri('vm-lab').fsPath;
    fs.cpSync(built.root, root, { recursive: true });
    const window = vscode.window as unknown as Record<string, unknown>;
    const saved = { showQuickPick: window.showQuickPick };
    try {
      const picks: string[] = [];
      window.showQuickPick = async (
        items: readonly { label: string; description?: string }[],
        options?: vscode.QuickPickOptions,
      ) => {
        const list = await items;
        picks.push(options?.title ?? '');
        if (options?.title === 'Boot which site?') return list.find((i) => i.description?.startsWith('vm-lab'));
        if (options?.title === 'Test VM: firmware') return list.find((i) => i.label === 'UEFI');
        return list.find((i) => i.label === 'uefi-ipxe');
      };
      const result = (await vscode.commands.executeCommand('pxeWorkbench.startVm')) as
        { reason: string; stages: { id: string }[] } | undefined;
      assert.deepEqual(picks, ['Boot which site?', 'Test VM: firmware', 'Test VM: boot as which machine?']);
      assert.equal(result?.reason, 'poweroff');
      assert.ok(
        result?.stages.some((s) => s.id === 'initramfs'),
        'the initramfs was reached',
      );
      const terminal = vscode.window.terminals.find((t) => t.name === 'PXE Test VM');
      assert.ok(terminal, 'the serial console terminal is open');

      // The same boot as a task: provided for BIOS and UEFI, and one written in tasks.json resolves.
      const folder = vscode.workspace.workspaceFolders![0]!;
      const definition = {
        type: 'pxe-vm',
        firmware: 'bios',
        mac: '52:54:00:00:00:02',
        site: path.relative(folder.uri.fsPath, path.join(root, 'pxe-site.json')),
        until: 'linux',
      };
      fs.mkdirSync(path.join(folder.uri.fsPath, '.vscode'), { recursive: true });
      fs.writeFileSync(
        path.join(folder.uri.fsPath, '.vscode', 'tasks.json'),
        JSON.stringify({ version: '2.0.0', tasks: [{ ...definition, label: 'boot as bios-ipxe' }] }, null, 2),
      );
      const task = await waitFor(
        'the tasks.json task',
        async () => (await vscode.tasks.fetchTasks({ type: 'pxe-vm' })).find((t) => t.name === 'boot as bios-ipxe'),
        20_000,
      );
      const provided = (await vscode.tasks.fetchTasks({ type: 'pxe-vm' })).map((t) => t.name);
      assert.ok(
        provided.includes('Boot the test VM (BIOS)') && provided.includes('Boot the test VM (UEFI)'),
        provided.join(', '),
      );
      const ended = new Promise<number | undefined>((done) => {
        const sub = vscode.tasks.onDidEndTaskProcess((e) => {
          if (e.execution.task.definition.mac === definition.mac) {
            sub.dispose();
            done(e.exitCode);
          }
        });
      });
      await vscode.tasks.executeTask(task);
      assert.equal(await ended, 0, 'the task ends with exit code 0 once Linux started');
    } finally {
      Object.assign(window, saved);
    }
  });

  it('Generate Node Files previews the diff, asks before overwriting a hand edit, and writes the new node’s files', async function () {
    this.timeout(60_000);
    const root = copyLab('cluster', 'cluster-lab', (site) => {
      site.nodes.push({
        name: 'w4',
        mac: '52:54:00:00:02:04',
        ip: '192.168.255.74',
        firmware: 'bios',
        profile: 'worker',
      });
    });
    const w1 = path.join(root, 'tftp', 'nodes', 'w1.ign');
    fs.writeFileSync(w1, fs.readFileSync(w1, 'utf8').replace('"core"', '"ops"'));
    const window = vscode.window as unknown as Record<string, unknown>;
    const saved = {
      showQuickPick: window.showQuickPick,
      showInformationMessage: window.showInformationMessage,
      showWarningMessage: window.showWarningMessage,
    };
    const modals: string[] = [];
    try {
      window.showQuickPick = async (items: readonly { label: string }[]) =>
        (await items).find((i) => i.label.startsWith('cluster-lab'));
      window.showInformationMessage = async (message: string, ...rest: unknown[]) =>
        (rest[0] as { modal?: boolean })?.modal ? (modals.push(message), 'Generate') : undefined;
      window.showWarningMessage = async (message: string, ...rest: unknown[]) =>
        (rest[0] as { modal?: boolean })?.modal ? (modals.push(message), 'Keep') : undefined;
      const result = (await vscode.commands.executeCommand('pxeWorkbench.generateNodeFiles')) as
        { written: string[]; skipped: string[] } | undefined;
      assert.match(modals[0] ?? '', /generate node files\? 2 to add, 1 to change, 12 unchanged, 1 edited by hand/);
      assert.match(modals[1] ?? '', /w1\.ign was changed by hand/);
      assert.deepEqual(result?.skipped, [w1]);
      assert.equal(result?.written.length, 3);
      const preview = await waitFor('the node files preview', () =>
        vscode.window.visibleTextEditors.find((e) => e.document.uri.path.startsWith('/Node files')),
      );
      assert.match(preview.document.getText(), /\+ cluster-lab\/tftp\/pxelinux\.cfg\/01-52-54-00-00-02-04 {2}\(w4\)/);
      assert.ok(
        fs.existsSync(path.join(root, 'tftp', 'pxelinux.cfg', '01-52-54-00-00-02-04')),
        "w4's PXELINUX config was written",
      );
      assert.match(fs.readFileSync(w1, 'utf8'), /"ops"/, 'the hand edit was kept');
    } finally {
      Object.assign(window, saved);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('Explain PXELINUX Config Lookup lists the files in order and opens the one used', async () => {
    await vscode.window.showTextDocument(
      await vscode.workspace.openTextDocument(workspaceUri('home-lab', 'tftp', 'pxelinux.cfg', 'default')),
    );
    const window = vscode.window as {
      showInputBox: typeof vscode.window.showInputBox;
      showQuickPick: typeof vscode.window.showQuickPick;
    };
    const [inputBox, quickPick] = [window.showInputBox, window.showQuickPick];
    const answers = ['52:54:00:12:34:56', '192.168.255.50'];
    let offered: { label: string; description?: string }[] = [];
    window.showInputBox = async () => answers.shift();
    window.showQuickPick = (async (items: readonly { label: string; description?: string }[]) => {
      offered = [...items];
      return items.find((i) => i.description?.includes('used'));
    }) as unknown as typeof vscode.window.showQuickPick;
    try {
      await vscode.commands.executeCommand('pxeWorkbench.explainPxelinuxLookup');
    } finally {
      [window.showInputBox, window.showQuickPick] = [inputBox, quickPick];
    }
    assert.equal(offered[0]?.label, '1. pxelinux.cfg/01-52-54-00-12-34-56');
    assert.equal(offered.at(-1)?.label, '10. pxelinux.cfg/default');
    assert.match(String(offered.at(-1)?.description), /used/);
    assert.ok(vscode.window.activeTextEditor?.document.uri.path.endsWith('/pxelinux.cfg/default'));
  });

  it('Load RouterOS Command Tree checks .rsc files against the loaded dump', async function () {
    if (!fs.existsSync(ROUTEROS_DUMP)) this.skip();
    const doc = await vscode.workspace.openTextDocument({
      language: 'routeros',
      content: '/interface wireguard\nadd name=wg0 listen-prot=51820\n',
    });
    await vscode.window.showTextDocument(doc);
    await analysed(doc.uri);
    assert.deepEqual(
      vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'pxe-workbench'),
      [],
    );
    const window = vscode.window as {
      showInputBox: typeof vscode.window.showInputBox;
      showOpenDialog: typeof vscode.window.showOpenDialog;
    };
    const [input, open] = [window.showInputBox, window.showOpenDialog];
    window.showInputBox = async () => '7.24';
    window.showOpenDialog = async () => [vscode.Uri.file(ROUTEROS_DUMP)];
    const picker = vscode.window as { showQuickPick: typeof vscode.window.showQuickPick };
    const pick = picker.showQuickPick;
    picker.showQuickPick = (async (items: readonly { id: string }[]) =>
      items.find((i) => i.id === 'file')) as unknown as typeof vscode.window.showQuickPick;
    try {
      assert.equal(await vscode.commands.executeCommand('pxeWorkbench.loadRouterOsTree'), true);
    } finally {
      [window.showInputBox, window.showOpenDialog] = [input, open];
      picker.showQuickPick = pick;
    }
    const diagnostics = await waitFor('diagnostics from the loaded tree', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'pxe-workbench');
      return d.length ? d : undefined;
    });
    assert.deepEqual(diagnostics.map(codeOf), ['routeros.unknownArgument']);
  });

  it('Load RouterOS Command Tree reads the tree from a router over the API (simulated on 127.0.0.1)', async function () {
    if (!fs.existsSync(ROUTEROS_DUMP)) this.skip();
    const full = JSON.parse(fs.readFileSync(ROUTEROS_DUMP, 'utf8')) as Record<string, Record<string, unknown>>;
    const sim = await startSimulator({
      tree: {
        ip: { _type: 'path', pool: full.ip!.pool },
        system: { _type: 'path', identity: (full.system as Record<string, unknown>).identity },
        interface: { _type: 'path' },
      },
    });
    const window = vscode.window as {
      showInputBox: typeof vscode.window.showInputBox;
      showQuickPick: typeof vscode.window.showQuickPick;
    };
    const [input, pick] = [window.showInputBox, window.showQuickPick];
    const answers = ['7.24-lab', `127.0.0.1:${sim.port}`, 'admin', 'secret'];
    window.showInputBox = async () => answers.shift();
    // Read from the router, over the plain API (the simulator speaks no TLS).
    window.showQuickPick = (async (items: readonly { id: string }[]) =>
      items.find((i) => i.id === 'router' || i.id === 'plain')) as unknown as typeof vscode.window.showQuickPick;
    try {
      assert.equal(await vscode.commands.executeCommand('pxeWorkbench.loadRouterOsTree'), true);
    } finally {
      [window.showInputBox, window.showQuickPick] = [input, pick];
      await sim.close();
    }
    assert.ok(
      sim.commands.some((c) => c[0] === '/console/inspect'),
      'the tree was read over the API',
    );
    // The router has no wireguard here: with its tree loaded, /interface wireguard is unknown.
    const doc = await vscode.workspace.openTextDocument({
      language: 'routeros',
      content: '/interface wireguard\nadd name=wg0\n',
    });
    await vscode.window.showTextDocument(doc);
    const diagnostics = await waitFor('diagnostics from the router tree', () => {
      const d = vscode.languages.getDiagnostics(doc.uri).filter((x) => x.source === 'pxe-workbench');
      return d.length ? d : undefined;
    });
    assert.deepEqual(diagnostics.map(codeOf), ['routeros.unknownCommand']);
  });

  it('Create Site File writes a valid pxe-site.json from the wizard answers', async () => {
    const target = workspaceUri('pxe-site.json');
    await vscode.workspace.fs.delete(target).then(undefined, () => undefined);
    const window = vscode.window as { showInputBox: typeof vscode.window.showInputBox };
    const original = window.showInputBox;
    const answers = ['test-lab', '10.20.0.0/24', '10.20.0.1', '10.20.0.2', 'tftp', '/boot/'];
    const asked: string[] = [];
    window.showInputBox = async (options) => {
      asked.push(String(options?.prompt));
      const answer = answers.shift();
      assert.equal(await options?.validateInput?.(answer ?? ''), undefined, `answer ${answer} is accepted`);
      return answer;
    };
    try {
      await vscode.commands.executeCommand('pxeWorkbench.createSiteFile');
    } finally {
      window.showInputBox = original;
    }
    assert.equal(asked.length, 6);
    const site = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8'));
    assert.equal(site.name, 'test-lab');
    assert.equal(site.http.baseUrl, 'http://10.20.0.2/boot/');
    assert.deepEqual(await diagnosticsOf(target, (d) => d.length === 0), []);
  });
});
