import { z } from 'zod';

const today = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export const simulatorArgs = z.strictObject({
  stores: z.coerce.number().int().min(1).max(50).default(3),
  months: z.coerce.number().int().min(1).max(36).default(6),
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31)
    .default(42),
  scale: z.coerce.number().positive().max(10).default(0.1),
  end: z.iso.date().optional(),
  concurrency: z.coerce.number().int().min(1).max(256).default(16),
});

export type SimulatorArgs = z.output<typeof simulatorArgs> & { end: string };

/** `--stores 3 --months 6 --seed 7 --scale 0.1 --end 2026-01-01 --concurrency 16` (also `--name=value`). */
export const parseSimulatorArgs = (argv: readonly string[]): SimulatorArgs => {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`--${name} needs a value`);
    raw[name] = value;
  }
  const parsed = simulatorArgs.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => `--${issue.path.join('.') || '?'}: ${issue.message}`).join('; '));
  return { ...parsed.data, end: parsed.data.end ?? today() };
};
