import * as vscode from 'vscode';
import { DidChangeWatchedFilesNotification, FileChangeType, type LanguageClient } from 'vscode-languageclient/node';
import { openHop, OPEN_HOP_COMMAND, type BootChain } from '../chain/view';
import { createSiteFile } from './createSiteFile';
import type { DeployUi } from './deploy';
import { RouterUi } from './router';
import type { VmUi } from './vm';
import { generateNodesCommand } from './nodes';
import { DecodedFiles, encodeFile, openDecoded } from './decodedView';
import { explainGrubLookupCommand, explainPxelinuxLookup } from './explainLookup';
import { loadRouterOsTree } from './routerosTree';
import { updateImagesCommand } from './updateImages';
import { showTranslatedIgnition, type TranslatedIgnition } from './translatedIgnition';

export interface CommandContext {
  extension: vscode.ExtensionContext;
  client: () => LanguageClient | undefined;
  output: vscode.OutputChannel;
  decoded: DecodedFiles;
  translated: TranslatedIgnition;
  bootChain: BootChain;
  imagesLog: vscode.LogOutputChannel;
  deploy: DeployUi;
  vm: VmUi;
}

async function filesChanged(client: LanguageClient | undefined): Promise<void> {
  const changes = (vscode.workspace.workspaceFolders ?? []).map((f) => ({
    uri: f.uri.toString(),
    type: FileChangeType.Changed as FileChangeType,
  }));
  if (client && changes.length) await client.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
}

/** The command table: every palette entry in package.json maps to one handler here. */
export function commandTable(ctx: CommandContext): Record<string, (...args: unknown[]) => unknown> {
  const router = new RouterUi(ctx.deploy);
  return {
    'pxeWorkbench.createSiteFile': () => createSiteFile(),
    'pxeWorkbench.restartServer': async () => {
      await ctx.client()?.restart();
      void vscode.window.setStatusBarMessage('PXE: language server restarted', 3000);
    },
    'pxeWorkbench.showLogs': async (which) => {
      // One output channel per concern; asked which unless a command link names it.
      const channels: [string, vscode.OutputChannel][] = [
        ['Language Server', ctx.output],
        ['Deploy', ctx.deploy.log],
        ['Test VM', ctx.vm.log],
        ['Images', ctx.imagesLog],
      ];
      const named =
        typeof which === 'string' ? channels.find(([n]) => n.toLowerCase() === which.toLowerCase()) : undefined;
      const picked =
        named ??
        (await vscode.window
          .showQuickPick(
            channels.map(([label, channel]) => ({ label, channel })),
            { title: 'PXE Workbench logs' },
          )
          .then((p) => (p ? ([p.label, p.channel] as [string, vscode.OutputChannel]) : undefined)));
      picked?.[1].show(true);
      return picked?.[0];
    },
    'pxeWorkbench.explainPxelinuxLookup': () => explainPxelinuxLookup(),
    'pxeWorkbench.explainGrubLookup': () => explainGrubLookupCommand(),
    'pxeWorkbench.loadRouterOsTree': () => loadRouterOsTree(ctx.extension, ctx.client()),
    'pxeWorkbench.updateImages': async (siteFile) => {
      const result = await updateImagesCommand(
        ctx.imagesLog,
        () => ctx.deploy.secrets.source(),
        typeof siteFile === 'string' ? siteFile : undefined,
      );
      // The new files and links are the chain's inputs: tell the server now rather than wait for the file
      // watcher, which can miss symbolic links or lag under load.
      if (result && !result.upToDate) await filesChanged(ctx.client());
      return result;
    },
    'pxeWorkbench.deployToNas': () => ctx.deploy.deployCommand(),
    'pxeWorkbench.showDeployPlan': () => ctx.deploy.showPlan(),
    'pxeWorkbench.deployToRouter': () => router.deployCommand(),
    'pxeWorkbench.showRouterPlan': () => router.showPlan(),
    'pxeWorkbench.pullRouterConfig': () => router.pull(),
    'pxeWorkbench.generateNodeFiles': () => generateNodesCommand(ctx.deploy.documents, ctx.deploy.log),
    'pxeWorkbench.startVm': () => ctx.vm.start(),
    'pxeWorkbench.stopVm': () => ctx.vm.stop(),
    'pxeWorkbench.showVmConsole': () => ctx.vm.showConsole(),
    'pxeWorkbench.showBootTimeline': () => vscode.commands.executeCommand('pxeWorkbench.bootTimeline.focus'),
    'pxeWorkbench.compareWithNas': (uri) => ctx.deploy.compare(uri instanceof vscode.Uri ? uri : undefined),
    'pxeWorkbench.showBootChain': () => ctx.bootChain.show(),
    'pxeWorkbench.refreshBootChain': () => ctx.bootChain.refresh(),
    [OPEN_HOP_COMMAND]: (target) => openHop(target as { uri: string; line?: number; character?: number } | undefined),
    'pxeWorkbench.ignition.openDecoded': (uri, jsonPath) =>
      openDecoded(ctx.decoded, uri as string, jsonPath as (string | number)[]),
    'pxeWorkbench.ignition.encodeFile': (uri, jsonPath) => encodeFile(uri as string, jsonPath as (string | number)[]),
    'pxeWorkbench.showTranslatedIgnition': (uri) => showTranslatedIgnition(ctx.translated, uri),
  };
}
