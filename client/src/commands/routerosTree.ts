import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { parseJsonCapped, UntrustedInputError } from '../../../lib/core';
import { TreeError, treeFromInspect } from '../../../lib/languages';
import { loadSite, siteOf, type SiteTarget } from '../../../lib/site';
import { downloadTree, DownloadError, treeUrl } from '../../../lib/router';
import { walkRouterTree, WalkError } from '../../../lib/router';
import { secretKeyOf } from '../secrets';

/** The server learns about a loaded tree through this notification (a file path it reads itself). */
export const TREE_NOTIFICATION = 'pxe/routerosTree';

function cacheFile(context: vscode.ExtensionContext, version: string): vscode.Uri {
  return vscode.Uri.joinPath(context.globalStorageUri, `routeros-tree-${version.replace(/[^\w.-]/g, '_')}.json`);
}

/** `PXE: Load RouterOS Command Tree…`: a /console/inspect dump for one version, checked and cached. */
export async function loadRouterOsTree(
  context: vscode.ExtensionContext,
  client: LanguageClient | undefined,
): Promise<boolean> {
  const configured = vscode.workspace.getConfiguration('pxeWorkbench').get<string>('routeros.version') || '7.24';
  const version = await vscode.window.showInputBox({
    title: 'Load RouterOS Command Tree (1/2)',
    prompt: 'RouterOS version of the tree',
    value: configured,
    validateInput: (v) =>
      /^\d+\.\d+(\.\d+)?(rc\d+|beta\d+)?$/.test(v.trim()) ? undefined : 'Type a version such as 7.24 or 7.22.3.',
  });
  if (!version) return false;
  const source = await vscode.window.showQuickPick(
    [
      { label: 'From a file…', description: 'a /console/inspect JSON dump', id: 'file' },
      { label: 'From my router…', description: 'read it over the RouterOS API', id: 'router' },
      { label: 'Download…', description: 'the public dump of this version (needs internet)', id: 'download' },
    ],
    { title: 'Load RouterOS Command Tree (2/2)' },
  );
  if (!source) return false;
  const bytes =
    source.id === 'router'
      ? await fromRouter(context)
      : source.id === 'download'
        ? await fromDownload(version.trim())
        : await fromFile();
  if (!bytes) return false;
  try {
    treeFromInspect(parseJsonCapped(Buffer.from(bytes).toString('utf8'), 'the tree'), version.trim());
  } catch (error) {
    const why = error instanceof TreeError || error instanceof UntrustedInputError ? error.message : String(error);
    void vscode.window.showErrorMessage(
      `PXE: that is not a RouterOS command tree (${why}). Export one with /console/inspect, or read it from the router.`,
    );
    return false;
  }
  const cached = cacheFile(context, version.trim());
  await vscode.workspace.fs.createDirectory(context.globalStorageUri);
  await vscode.workspace.fs.writeFile(cached, bytes);
  await vscode.workspace
    .getConfiguration('pxeWorkbench')
    .update('routeros.version', version.trim(), vscode.ConfigurationTarget.Global);
  await client?.sendNotification(TREE_NOTIFICATION, { version: version.trim(), path: cached.fsPath });
  void vscode.window.showInformationMessage(
    `PXE: RouterOS ${version.trim()} command tree loaded; every menu, command and argument is now checked.`,
  );
  return true;
}

async function fromDownload(version: string): Promise<Uint8Array | undefined> {
  const template = vscode.workspace.getConfiguration('pxeWorkbench').get<string>('routeros.treeUrl') ?? '';
  const url = treeUrl(template, version);
  try {
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Downloading ${url}`, cancellable: true },
      (_progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return downloadTree(url, { signal: controller.signal });
      },
    );
  } catch (error) {
    void vscode.window.showErrorMessage(`PXE: ${error instanceof DownloadError ? error.message : String(error)}`);
    return undefined;
  }
}

async function fromFile(): Promise<Uint8Array | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'A /console/inspect JSON dump',
    filters: { JSON: ['json'] },
    canSelectMany: false,
    openLabel: 'Load',
  });
  return picked?.[0] ? vscode.workspace.fs.readFile(picked[0]) : undefined;
}

type RouterDefaults = (SiteTarget & { host: string }) | undefined;

/** The API endpoint, asked with the site's router target as the default; TLS asked for an unusual port. */
async function askEndpoint(target: RouterDefaults): Promise<{ host: string; port: number; tls: boolean } | undefined> {
  const address = await vscode.window.showInputBox({
    title: 'Router API address',
    prompt: 'host:port of the RouterOS API (8729 with TLS, 8728 plain)',
    value: target
      ? `${target.host}:${target.apiPort ?? (target.apiTls === false ? 8728 : 8729)}`
      : '192.168.255.1:8729',
  });
  if (!address) return undefined;
  const [host, portText] = address.trim().split(/:(?=\d+$)/);
  const port = Number(portText ?? 8729);
  if (!host) return undefined;
  // 8729 is api-ssl and 8728 the plain API; for another port, ask.
  if (port === 8728 || port === 8729) return { host, port, tls: port !== 8728 };
  const mode = await vscode.window.showQuickPick(
    [
      { label: 'TLS (api-ssl)', id: 'tls' },
      { label: 'Plain API (only on a trusted network)', id: 'plain' },
    ],
    { title: `How does ${host}:${port} speak the API?` },
  );
  return mode ? { host, port, tls: mode.id === 'tls' } : undefined;
}

/** Asks for the router (defaults from pxe-site.json's router target) and reads its tree over the API. */
async function fromRouter(context: vscode.ExtensionContext): Promise<Uint8Array | undefined> {
  const target = routerTarget();
  const endpoint = await askEndpoint(target);
  if (!endpoint) return undefined;
  const { host, port, tls } = endpoint;
  const user = await vscode.window.showInputBox({ title: 'Router API user', value: target?.user ?? 'admin' });
  if (!user) return undefined;
  // The same secret Deploy to Router… uses for this user on this router (one password per router user).
  const secretKey = secretKeyOf('password', {
    name: 'router',
    host,
    port: target?.host === host ? (target.port ?? 22) : 22,
    user,
  });
  const password =
    (await context.secrets.get(secretKey)) ??
    (await vscode.window.showInputBox({
      title: `Password for ${user}@${host}`,
      prompt: "Kept in the editor's secret storage, never in settings or pxe-site.json",
      password: true,
    }));
  if (password === undefined) return undefined;
  try {
    const tree = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Reading the command tree of ${host}`,
        cancellable: true,
      },
      (progress, token) => {
        const controller = new AbortController();
        token.onCancellationRequested(() => controller.abort());
        return walkRouterTree({
          host,
          port,
          user,
          password,
          tls,
          ...(target?.apiCertificate && target.host === host ? { certificate: target.apiCertificate } : {}),
          signal: controller.signal,
          progress: (nodes, path) => progress.report({ message: `${nodes} entries · ${path}` }),
        });
      },
    );
    await context.secrets.store(secretKey, password);
    return Buffer.from(JSON.stringify(tree));
  } catch (error) {
    void vscode.window.showErrorMessage(`PXE: ${error instanceof WalkError ? error.message : String(error)}`);
    return undefined;
  }
}

/** The workspace site's MikroTik target with a host, to offer its address (undefined: the user types it). */
function routerTarget(): RouterDefaults {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const site = folder ? siteOf(folder) : undefined;
  if (!site) return undefined;
  try {
    const targets = Object.values(loadSite(site).targets ?? {});
    return targets.find((t): t is SiteTarget & { host: string } => t.kind === 'mikrotik' && Boolean(t.host));
  } catch {
    return undefined; // an unreadable site file: the user types the address
  }
}

/** On start: hand the server the cached tree of the configured version, if there is one. */
export async function restoreRouterOsTree(context: vscode.ExtensionContext, client: LanguageClient): Promise<void> {
  const version = vscode.workspace.getConfiguration('pxeWorkbench').get<string>('routeros.version');
  if (!version) return;
  const cached = cacheFile(context, version);
  const exists = await vscode.workspace.fs.stat(cached).then(
    () => true,
    () => false,
  );
  if (exists) await client.sendNotification(TREE_NOTIFICATION, { version, path: cached.fsPath });
}
