import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderOperationsDoc } from '../scripts/render-operations-doc.js';

describe('docs/operations.md', () => {
  it('shows the env vars and metrics the code defines (run `npm run -w @rooftop/platform docs` to refresh)', async () => {
    const committed = readFileSync(fileURLToPath(new URL('../../../docs/operations.md', import.meta.url)), 'utf8');
    expect(await renderOperationsDoc(committed)).toBe(committed);
  });
});
