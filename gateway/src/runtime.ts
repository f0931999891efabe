/**
 * The Node flags every gateway process runs with: `npm run -w @rooftop/gateway start`, the Docker image's
 * CMD and the bench's gateway process (a test keeps the three the same; GATEWAY_WORKERS' workers inherit them).
 *
 * A request allocates ~100 KB that is garbage once its answer is written: the young generation fills every
 * ~150 requests, and each scavenge (0.6–1 ms here, nearly nothing surviving) lands on a request. At V8's 16 MB
 * semi-space that was ~0.75 % of requests — enough to set the p99 of a 0.4 ms refusal at 1.1–1.2 ms; at 32 MB it
 * is half as many, for at most 48 MB more memory per process.
 */
export const GATEWAY_NODE_FLAGS = ['--max-semi-space-size=32'] as const;
