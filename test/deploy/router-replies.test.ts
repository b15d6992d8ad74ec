import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RouterApi } from '../../lib/router/api';

// A "router" that answers the login with one word that never ends: the client must stop reading at its cap
// and close, not buffer until memory runs out.
let server: Server;
let port = 0;
let sent = 0;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write(Buffer.from([0xe0, 0xff, 0xff, 0xff])); // a word of 256 MiB announced
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      const pump = (): void => {
        while (!socket.destroyed && sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
});
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => server.close(() => r()));
});

it('a reply larger than 64 MiB in one sentence ends the call with a message and closes the connection', async () => {
  const before = process.memoryUsage().rss;
  await expect(
    RouterApi.connect(
      { name: 'router', host: '127.0.0.1', port, user: 'admin', tls: false },
      { password: 'x', timeoutSeconds: 60 },
    ),
  ).rejects.toThrow(/larger than 64 MiB/);
  expect(sent).toBeLessThan(200 * 1024 * 1024);
  console.log(
    `router reply cap: the client stopped after ${(sent / 1048576).toFixed(0)} MiB sent; ` +
      `RSS grew ${((process.memoryUsage().rss - before) / 1048576).toFixed(0)} MiB`,
  );
}, 60_000);
