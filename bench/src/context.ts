import { createTestDatabase, type TestDatabase } from '@rooftop/testkit';
import { type BenchContext, type RunOptions } from './suite.js';

/** The harness side of BenchContext: owns every database and client a run opens, and closes them all. */
export class RunContext implements BenchContext {
  private readonly databases: TestDatabase[] = [];
  private readonly cleanups: Array<() => Promise<void>> = [];
  private readonly fixtures = new Map<string, Promise<unknown>>();

  constructor(
    readonly options: RunOptions,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  async database(label: string): Promise<TestDatabase> {
    const database = await createTestDatabase(`bench_${label}`);
    this.databases.push(database);
    return database;
  }

  defer(cleanup: () => Promise<void>): void {
    this.cleanups.push(cleanup);
  }

  fixture<T>(key: string, create: () => Promise<T>): Promise<T> {
    let fixture = this.fixtures.get(key) as Promise<T> | undefined;
    if (!fixture) {
      fixture = create();
      this.fixtures.set(key, fixture);
      // A failed fixture is not cached: the next suite that needs it tries again and reports its own error.
      fixture.catch(() => this.fixtures.delete(key));
    }
    return fixture;
  }

  log(message: string): void {
    this.write(message);
  }

  /** Closes clients (newest first), then drops every database; reports what failed instead of throwing half-way. */
  async close(): Promise<readonly string[]> {
    const problems: string[] = [];
    for (const cleanup of this.cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => problems.push(`cleanup failed: ${String(error)}`));
    }
    for (const database of this.databases.splice(0)) {
      await database.drop().catch((error: unknown) => problems.push(`could not drop ${database.name}: ${String(error)}`));
    }
    return problems;
  }
}
