/** LSP entry: creates the connection and the server over it, nothing else. Run with --stdio or --node-ipc. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { WorkbenchServer } from './lsp/workbenchServer';

const connection = createConnection(ProposedFeatures.all);
const server = new WorkbenchServer(connection);

// The last line of defence: a bug that escapes every guard is logged; the server keeps serving.
process.on('uncaughtException', (error) =>
  connection.console.error(`Unexpected failure: ${error.stack ?? error.message}`),
);

server.listen();
