/**
 * Reads the command tree of the user's own router over the RouterOS API (`/console/inspect request=child`),
 * walking every menu and command, into the `/console/inspect` dump format the language server loads.
 * Plain Node (no vscode import): the editor command and tests share it.
 */
import { RouterApi, RouterError } from './api';

export interface WalkOptions {
  host: string;
  port: number;
  user: string;
  password: string;
  tls?: boolean;
  /** The pinned api-ssl certificate (targets.<router>.apiCertificate), for a self-signed router certificate. */
  certificate?: string;
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
  'node-type'?: string;
}

export async function walkRouterTree(options: WalkOptions): Promise<Node> {
  let api: RouterApi;
  try {
    api = await RouterApi.connect(
      {
        name: 'router',
        host: options.host,
        port: options.port,
        user: options.user,
        tls: options.tls === true,
        ...(options.certificate ? { certificate: options.certificate } : {}),
      },
      { password: options.password, timeoutSeconds: options.timeoutSeconds ?? 10 },
    );
  } catch (error) {
    throw new WalkError(
      error instanceof RouterError
        ? error.message
        : `Could not log in to the RouterOS API at ${options.host}:${options.port} (${String(error)}).`,
      { cause: error },
    );
  }
  let nodes = 0;
  const children = async (path: string[]): Promise<Child[]> => {
    if (options.signal?.aborted) throw new WalkError('Stopped: the command tree was not loaded.');
    return api.run('/console/inspect', ['=request=child', `=path=${path.join(',')}`]);
  };
  const visit = async (path: string[], type: string): Promise<Node> => {
    const node: Node = { _type: type };
    for (const child of await children(path)) {
      const name = child.name;
      const childType = child['node-type'] ?? 'dir';
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
    await api.close();
  }
}
