// Starts a node:http server on loopback and stops it for good: `close()` also destroys keep-alive and
// deliberately hanging connections, so a test that injected a `hang` fault still finishes.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface StartedServer {
  /** e.g. `http://127.0.0.1:49152` */
  origin: string;
  close(): Promise<void>;
}

export interface StartServerOptions {
  /** 0 (the default) picks a free ephemeral port. */
  port?: number;
  /** Called once when `close()` starts, before sockets are destroyed (e.g. to abort pending sleeps). */
  onClose?: () => void;
}

const HOST = '127.0.0.1';

export async function startHttpServer(
  listener: (request: IncomingMessage, response: ServerResponse) => void,
  options: StartServerOptions = {},
): Promise<StartedServer> {
  const server = createServer(listener);
  // Every socket is tracked, idle or mid-request, because one left open keeps the test worker alive.
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('emulator server has no TCP address');
  const { port } = address;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      options.onClose?.();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return { origin: `http://${HOST}:${port}`, close };
}
