import { describe, expect, it } from 'vitest';
import { waitUntilReadable } from './visibility.js';

describe('waitUntilReadable', () => {
  it('returns once the condition holds, polling until then', async () => {
    let checks = 0;
    await waitUntilReadable(
      'ours',
      async () => ++checks >= 3,
      () => undefined,
    );
    expect(checks).toBe(3);
  });

  it('gives up with a typed UNAVAILABLE error that explains the server-wide xmin', async () => {
    await expect(
      waitUntilReadable(
        'emmett',
        async () => false,
        () => undefined,
        50,
      ),
    ).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringContaining('pg_snapshot_xmin'),
    });
  });
});
