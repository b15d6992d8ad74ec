import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { BootChain } from './chain/view';
import { commandTable } from './commands';
import { DeployUi } from './commands/deploy';
import { EditorSecrets } from './secrets';
import { VmUi } from './commands/vm';
import { DECODED_SCHEME, DecodedFiles } from './commands/decodedView';
import { TranslatedIgnition } from './commands/translatedIgnition';
import { restoreRouterOsTree } from './commands/routerosTree';
import { offerSiteFile } from './siteOffer';
import { siteStatus } from './siteStatus';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { compileCacheArgs, escapeControl, SERVER_ENV, SERVER_NODE_FLAGS, UntrustedInputError } from '../../lib/core';

let client: LanguageClient | undefined;

/**
 * A command whose input is unusable (a site file with a wrongly typed field, a FIFO where a file belongs)
 * says so in the editor's words, naming the field and the fix, instead of VS Code's generic failure.
 */
function withInputErrors(handler: (...args: unknown[]) => unknown): (...args: unknown[]) => Promise<unknown> {
  return async (...args) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (!(error instanceof UntrustedInputError)) throw error;
      void vscode.window.showErrorMessage(`PXE: ${escapeControl(error.message)}`);
      return undefined;
    }
  };
}

/**
 * How the extension starts the server (lib/core/launch.ts): its Node flags and environment, and its compile cache in the
 * extension's own storage (none if that folder cannot be made).
 */
async function serverOptionsFor(context: vscode.ExtensionContext): Promise<ServerOptions> {
  const module = context.asAbsolutePath('out/server.js');
  const cache = join(context.globalStorageUri.fsPath, 'compile-cache');
  const args = await fs.mkdir(cache, { recursive: true }).then(
    () => compileCacheArgs(cache),
    () => [],
  );
  return {
    run: {
      module,
      transport: TransportKind.ipc,
      args,
      options: { execArgv: [...SERVER_NODE_FLAGS], env: { ...SERVER_ENV } },
    },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('PXE Workbench: Language Server', { log: true });
  const serverOptions = await serverOptionsFor(context);
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['ipxe', 'pxelinux', 'grub', 'routeros', 'ignition', 'butane', 'json'].flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    initializationOptions: { clientValidatesSiteSchema: true },
    synchronize: { configurationSection: 'pxeWorkbench' },
  };
  client = new LanguageClient('pxeWorkbench', 'PXE Workbench', serverOptions, clientOptions);
  const decoded = new DecodedFiles();
  const bootChain = new BootChain(() => client);
  const imagesLog = vscode.window.createOutputChannel('PXE Workbench: Images', { log: true });
  const deploy = new DeployUi(
    new EditorSecrets(context.secrets),
    vscode.window.createOutputChannel('PXE Workbench: Deploy', { log: true }),
  );
  context.subscriptions.push(deploy, deploy.log);
  const vm = new VmUi(vscode.window.createOutputChannel('PXE Workbench: Test VM', { log: true }));
  context.subscriptions.push(
    vm,
    vm.log,
    vscode.window.createTreeView('pxeWorkbench.bootTimeline', { treeDataProvider: vm }),
  );
  context.subscriptions.push(
    bootChain,
    vscode.window.createTreeView('pxeWorkbench.bootChain', { treeDataProvider: bootChain, showCollapseAll: true }),
  );
  const translated = new TranslatedIgnition(() => client);
  context.subscriptions.push(
    vscode.workspace.registerFileSystemProvider(DECODED_SCHEME, decoded, { isCaseSensitive: true }),
  );
  for (const [id, handler] of Object.entries(
    commandTable({
      extension: context,
      client: () => client,
      output,
      decoded,
      translated,
      bootChain,
      imagesLog,
      deploy,
      vm,
    }),
  )) {
    context.subscriptions.push(vscode.commands.registerCommand(id, withInputErrors(handler)));
  }
  context.subscriptions.push(output, imagesLog, translated, offerSiteFile(context), siteStatus());
  await client.start();
  bootChain.attach(client);
  await restoreRouterOsTree(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
