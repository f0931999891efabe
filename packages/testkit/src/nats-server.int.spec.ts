import { connect } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { type NatsServer, startNatsServer, uniqueStreamSuffix } from './nats-server.js';

/** The first line a NATS server sends, or the connection error. */
const firstLine = (port: number): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString('utf8').split('\r\n')[0] ?? '');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(`error:${error.code ?? error.message}`));
  });

describe('startNatsServer', () => {
  let server: NatsServer | undefined;
  afterAll(async () => server?.dispose());

  it('starts a JetStream server on a free port, stops it and restarts it on the same port', async () => {
    server = await startNatsServer();
    expect(server.url).toBe(`nats://127.0.0.1:${server.port}`);
    const info = await firstLine(server.port);
    expect(info.startsWith('INFO ')).toBe(true);
    expect(JSON.parse(info.slice(5)) as { jetstream?: boolean }).toMatchObject({ jetstream: true });

    await server.stop();
    expect(await firstLine(server.port)).toBe('error:ECONNREFUSED');

    await server.restart();
    expect((await firstLine(server.port)).startsWith('INFO ')).toBe(true);
  });

  it('hands out distinct suffixes usable as subject tokens', () => {
    const suffixes = new Set(Array.from({ length: 100 }, () => uniqueStreamSuffix()));
    expect(suffixes.size).toBe(100);
    for (const s of suffixes) expect(s).toMatch(/^[a-z0-9]+$/);
  });
});
