import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isRooftopError } from '@rooftop/eventsourcing';
import { defaultOut, parseArgs, usage } from './args.js';
import { describeMachine, formatMachine } from './machine.js';
import { registry } from './registry.js';
import { writeReport } from './report.js';
import { runSuites } from './run.js';
import { formatTable } from './table.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

const main = async (): Promise<number> => {
  let args;
  try {
    args = parseArgs(
      process.argv.slice(2),
      registry.map((suite) => suite.name),
    );
  } catch (error) {
    if (!isRooftopError(error)) throw error;
    console.error(error.message);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  if (args.list) {
    for (const suite of registry) console.log(`${suite.name.padEnd(14)} ${suite.description}`);
    return 0;
  }

  const selected = args.names.length === 0 ? registry : args.names.flatMap((name) => registry.filter((suite) => suite.name === name));
  const machine = await describeMachine();
  const startedAt = new Date().toISOString();
  console.log(`Rooftop benchmarks — ${startedAt}`);
  console.log(`machine: ${formatMachine(machine)}`);
  if (machine.loadavg[0]! > machine.cores * 0.5) console.log('note: the machine is busy (1-minute load above half the cores): expect noisy numbers');

  const { rows, failures } = await runSuites(selected, args.options);
  console.log('');
  console.log(formatTable(rows));
  for (const failure of failures) console.log(`\n✗ ${failure.suite} crashed (no rows):\n${failure.error}`);

  // npm runs the script inside bench/, so a user's relative --out is taken from where they typed the command.
  const out = args.out === defaultOut ? resolve(packageDir, defaultOut) : resolve(process.env.INIT_CWD ?? process.cwd(), args.out);
  await writeReport(out, { startedAt, machine, options: args.options, suites: selected.map((suite) => suite.name), rows, failures });
  console.log(`\nrows written to ${out}`);
  return failures.length > 0 ? 1 : 0;
};

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
