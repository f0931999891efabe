import { existsSync } from 'node:fs';
import { request } from 'node:http';

/** Where the Docker engine listens: DOCKER_HOST (unix:// or tcp://), else the default socket if it exists. */
const endpoint = (): { socketPath: string } | { host: string; port: number } | string => {
  const configured = process.env.DOCKER_HOST;
  if (configured?.startsWith('unix://')) return { socketPath: configured.slice('unix://'.length) };
  if (configured?.startsWith('tcp://')) {
    const url = new URL(configured.replace(/^tcp:/, 'http:'));
    return { host: url.hostname, port: Number(url.port || 2375) };
  }
  if (configured) return `DOCKER_HOST=${configured} is neither unix:// nor tcp://`;
  return existsSync('/var/run/docker.sock') ? { socketPath: '/var/run/docker.sock' } : 'no /var/run/docker.sock and DOCKER_HOST is unset';
};

/**
 * Whether a Docker engine answers `GET /_ping` within `timeoutMs`: true, or the reason it does not. Costs no
 * more than the timeout, and nothing at all on a machine without a socket.
 */
export const probeDocker = (timeoutMs = 1_500): Promise<true | string> => {
  const target = endpoint();
  if (typeof target === 'string') return Promise.resolve(target);
  return new Promise((resolve) => {
    const req = request({ ...target, path: '/_ping', method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? true : `the Docker engine answered /_ping with ${res.statusCode}`);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (error) => resolve(`the Docker engine did not answer (${error.message})`));
    req.end();
  });
};
