export { simulate, summary, type SimulateOptions, type SimulationResult } from './simulate.js';
export { planSimulation, type Plan, type PlanOptions } from './plan.js';
export { runJourneys, progressLine, emptyStats, type RunStats, type RunOptions } from './runner.js';
export { parseSimulatorArgs, simulatorArgs, type SimulatorArgs } from './args.js';
export { DEMO_STORES, demoStores, type DemoStore, AFTER_SALES_MONTHLY_TARGET_WAN, seasonality } from './profile.js';
export { Random } from './random.js';
export { type Journey, type Step } from './journey.js';
export { settle, type SettleOptions, type SettlingService } from './settle.js';
export { MissingServicesError, missingServices, type MissingService } from './services-check.js';
