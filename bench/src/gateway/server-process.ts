import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GATEWAY_NODE_FLAGS } from '@rooftop/gateway/runtime';
import { freePort } from '@rooftop/testkit';

// The gateway as deployed: `gateway/src/main.ts` in its own Node process (as `npm run -w @rooftop/gateway
// start` runs it, with the same Node flags), so the load generator does not share the gateway's event loop.

const mainPath = fileURLToPath(new URL('../../../gateway/src/main.ts', import.meta.url));

export interface GatewayProcess {
  readonly url: string;
  close(): Promise<void>;
}

const exited = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

/** Starts main.ts with `env` (plus HTTP_HOST/GATEWAY_PORT), resolves once /healthz answers; its output goes to `log`. */
export const startGatewayProcess = async (env: Record<string, string>, log: (line: string) => void): Promise<GatewayProcess> => {
  const port = await freePort();
  const child = spawn(process.execPath, [...GATEWAY_NODE_FLAGS, '--conditions=@rooftop/source', '--import', 'tsx', mainPath], {
    cwd: fileURLToPath(new URL('../../../gateway/', import.meta.url)),
    env: { ...process.env, ...env, HTTP_HOST: '127.0.0.1', GATEWAY_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const forward = (chunk: Buffer) =>
    chunk
      .toString('utf8')
      .split('\n')
      .filter((l) => l.trim() !== '')
      .forEach((l) => log(`  gateway: ${l}`));
  child.stdout!.on('data', forward);
  child.stderr!.on('data', forward);
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited(child);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the gateway process exited with code ${child.exitCode}`);
    const up = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { url, close };
    if (Date.now() > deadline) {
      await close();
      throw new Error('the gateway process did not answer /healthz within 60 s');
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
