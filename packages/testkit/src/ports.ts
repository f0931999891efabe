import { connect } from 'node:net';

/** Whether something accepts TCP connections on `host:port` now (a server a test started, or one it stopped). */
export const portAnswers = (port: number, host = '127.0.0.1'): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
