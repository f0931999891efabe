// The one test command (`npm test`): static checks, contract drift, then every vitest project.
// Ends with a plain "N passed, N failed" line so CI can read the result of the whole run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const run = (title, cmd, args) => {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' } });
  return result.status ?? 1;
};

// Formatting is checked with Prettier (ADR 0054); `npm run format` fixes it. ~14 s of CPU.

let failedStep = null;
const steps = [
  ['typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']],
  ['lint', 'npx', ['eslint', '.', '--max-warnings=0']],
  ['format', 'npx', ['prettier', '--check', '.', '--log-level=warn']],
  ['contracts drift', 'npm', ['run', '--silent', '-w', '@rooftop/contracts', 'check']],
];
for (const [title, cmd, args] of steps) {
  if (run(title, cmd, args) !== 0) {
    failedStep = title;
    break;
  }
}

mkdirSync('test-results', { recursive: true });
const counts = { passed: 0, failed: 1, skipped: 0 };
if (!failedStep) {
  const status = run('vitest', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    '--outputFile.json=test-results/vitest.json',
    ...process.argv.slice(2),
  ]);
  try {
    const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
    counts.passed = report.numPassedTests;
    // Skipped tests (an EventStoreDB suite with no server to run against) are never counted as passed.
    counts.skipped = report.numPendingTests + report.numTodoTests;
    // A crashed worker or a failed suite can fail the run without a failed test: count it as one.
    counts.failed = report.numFailedTests + (status !== 0 && report.numFailedTests === 0 ? 1 : 0);
  } catch {
    counts.failed = 1;
  }
  if (status !== 0) failedStep = 'vitest';
}
console.log(`\n${failedStep ? `failed step: ${failedStep}` : 'all steps green'}`);
console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
