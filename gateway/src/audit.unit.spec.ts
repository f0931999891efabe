import { describe, expect, it } from 'vitest';
import { RefusalAudit } from './audit.js';

describe('RefusalAudit', () => {
  it('writes a few lines per principal and window, counts the rest, and says so when the next window opens', async () => {
    let now = 0;
    const audit = new RefusalAudit({ linesPerWindow: 2, windowMs: 1_000, now: () => now });
    const written = (principal: string | null) => audit.refused(principal, 'FORBIDDEN');
    expect([written('a'), written('a'), written('a'), written('a'), written(null), written('b')]).toEqual([
      { write: true, suppressedBefore: 0 },
      { write: true, suppressedBefore: 0 },
      { write: false },
      { write: false },
      { write: true, suppressedBefore: 0 },
      { write: true, suppressedBefore: 0 },
    ]);
    now = 1_000;
    expect(written('a')).toEqual({ write: true, suppressedBefore: 2 });
    expect(await audit.count('FORBIDDEN')).toBe(7);
    expect(await audit.count('UNAUTHENTICATED')).toBe(0);
  });

  it('forgets the least recently refused principal past its bound', () => {
    const audit = new RefusalAudit({ linesPerWindow: 1, maxPrincipals: 2, now: () => 0 });
    audit.refused('a', 'X');
    audit.refused('b', 'X');
    audit.refused('c', 'X'); // 'a' is forgotten: its next refusal opens a new window
    expect(audit.refused('a', 'X')).toEqual({ write: true, suppressedBefore: 0 });
    expect(audit.refused('c', 'X')).toEqual({ write: false });
  });
});
