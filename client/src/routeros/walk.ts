/**
 * Reads the command tree of the user's own router over the RouterOS API (`/console/inspect request=child`),
 * walking every menu and command, into the `/console/inspect` dump format the language server loads.
 * Plain Node (no vscode import): the editor command and tests share it.
 */
import { RouterOSClient } from 'routeros-client';

export interface WalkOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  tls?: boolean;
  timeoutSeconds?: number;
  /** Called after each menu with the number of nodes read so far. */
  progress?: (nodes: number, path: string) => void;
  signal?: AbortSignal;
}

export class WalkError extends Error {
  override readonly name = 'WalkError';
}

type Node = { _type: string; [name: string]: Node | string };

interface Child {
  name?: string;
  nodeType?: string;
  'node-type'?: string;
}

export async function walkRouterTree(options: WalkOptions): Promise<Node> {
  const client = new RouterOSClient({
    host: options.host,
    port: options.port,
    user: options.user,
    password: options.password,
    timeout: options.timeoutSeconds ?? 10,
    keepalive: true,
    ...(options.tls ? { tls: {} } : {}),
  });
  let api;
  try {
    api = await client.connect();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new WalkError(`Could not log in to the RouterOS API at ${options.host}:${options.port} (${message || 'connection failed'}). Check the address, the API service (/ip service) and the user name and password.`, { cause: error });
  }
  const console_ = api.menu('/console');
  let nodes = 0;
  const children = async (path: string[]): Promise<Child[]> => {
    if (options.signal?.aborted) throw new WalkError('Stopped: the command tree was not loaded.');
    const rows = (await console_.exec('inspect', { request: 'child', path: path.join(',') })) as unknown as Child[];
    return Array.isArray(rows) ? rows : [];
  };
  const visit = async (path: string[], type: string): Promise<Node> => {
    const node: Node = { _type: type };
    for (const child of await children(path)) {
      const name = child.name;
      const childType = child.nodeType ?? child['node-type'] ?? 'dir';
      if (!name) continue;
      nodes++;
      node[name] = childType === 'arg' ? { _type: 'arg' } : await visit([...path, name], childType);
    }
    options.progress?.(nodes, `/${path.join(' ')}`);
    return node;
  };
  try {
    return await visit([], 'path');
  } finally {
    await client.disconnect().catch(() => undefined);
  }
}
