import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { type Gateway } from '@rooftop/gateway';
import { percentile } from '../stats.js';

// What an attacker can make one gateway process spend, measured in-process (yoga.fetch on a gateway built with
// the production limits) so that CPU time and heap are the gateway's own: the costliest documents the limits
// still accept, the refusal of a fragment-doubling chain, and the heap that accepted documents of the largest
// body leave behind.

/** CPU time (user + system) of one call, in ms. */
const cpuOf = async (run: () => Promise<unknown>): Promise<number> => {
  const start = process.cpuUsage();
  await run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

export interface Post {
  (body: string): Promise<{ status: number; text: string }>;
}

/** POSTs a JSON body to the in-process gateway with `token`; the answer's status and text. */
export const poster =
  (gateway: Gateway, token: string): Post =>
  async (body) => {
    const response = await gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', authorization: `Bearer ${token}` },
      body,
    });
    return { status: response.status, text: await response.text() };
  };

/**
 * Documents within every default limit (2,000 tokens, cost 1,000, depth 8, 1 MB) that cost the most to parse,
 * measure, validate, compile and answer; `variant` makes each text new, so no cache answers it.
 */
export const worstAccepted: Readonly<Record<string, (variant: number) => string>> = {
  // 330 fields, 10 under each response name (the most allowed): the overlapping-fields rule compares them pairwise.
  'same-name aliases (33 × 10)': (v) => `query Q${v} { ${Array.from({ length: 330 }, (_, i) => `a${Math.floor(i / 10)}: stores { storeId }`).join(' ')} }`,
  // 33 selections each spreading 25 fragments (the most allowed), with 25 fragment definitions.
  'fragment spreads (33 × 25)': (v) => {
    const spreads = Array.from({ length: 25 }, (_, i) => `...F${i}`).join(' ');
    const fragments = Array.from({ length: 25 }, (_, i) => `fragment F${i} on Store { storeId }`).join(' ');
    return `query Q${v} { ${Array.from({ length: 33 }, (_, i) => `s${i}: stores { ${spreads} }`).join(' ')} } ${fragments}`;
  },
  // 660 distinct response names: the most result fields a document can ask for.
  'distinct aliases': (v) => `query Q${v} { ${Array.from({ length: 660 }, (_, i) => `a${i}: __typename`).join(' ')} }`,
  // A doubling chain just under the cost limit: 2^9 spreads of the leaf.
  'fragment chain (512 spreads)': (v) =>
    `query Q${v} { stores { ...F9 } } fragment F0 on Store { storeId } ${Array.from({ length: 9 }, (_, i) => `fragment F${i + 1} on Store { ...F${i} ...F${i} }`).join(' ')}`,
  // The body limit filled with a comment the lexer must read through.
  'comment to the body limit': (v) => `query Q${v} { stores { storeId } } #${'c'.repeat(999_900)}`,
};

export interface DocumentCost {
  readonly name: string;
  readonly p50: number;
  readonly max: number;
}

/** Median and largest CPU time of `runs` fresh requests of each worst-accepted document (after `warmup`). */
export const measureWorstAccepted = async (post: Post, runs: number, warmup: number): Promise<DocumentCost[]> => {
  const costs: DocumentCost[] = [];
  let variant = 0;
  for (const [name, document] of Object.entries(worstAccepted)) {
    const samples: number[] = [];
    for (let i = 0; i < warmup + runs; i++) {
      const body = JSON.stringify({ query: document(variant++) });
      let answer = { status: 0, text: '' };
      const cpu = await cpuOf(async () => (answer = await post(body)));
      if (answer.status !== 200 || answer.text.includes('"errors"'))
        throw new Error(`${name}: expected data, got HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
      if (i >= warmup) samples.push(cpu);
    }
    costs.push({ name, p50: percentile(samples, 50), max: Math.max(...samples) });
  }
  return costs;
};

/** The longest doubling chain the token limit lets through (195 links, 2^195 spreads), each request new. */
export const doublingChain = (variant: number, links = 195): string =>
  `query Q${variant} { stores { ...F${links} } } fragment F0 on Store { storeId } ${Array.from({ length: links }, (_, i) => `fragment F${i + 1} on Store { ...F${i} ...F${i} }`).join(' ')}`;

/** CPU time of refusing `runs` fresh doubling chains (QUERY_TOO_COMPLEX), p50 and p99. */
export const measureChainRefusal = async (post: Post, runs: number): Promise<{ p50: number; p99: number }> => {
  const samples: number[] = [];
  for (let i = 0; i < runs + 50; i++) {
    const body = JSON.stringify({ query: doublingChain(i) });
    let answer = { status: 0, text: '' };
    const cpu = await cpuOf(async () => (answer = await post(body)));
    if (answer.status !== 400 || !answer.text.includes('QUERY_TOO_COMPLEX'))
      throw new Error(`doubling chain: expected 400 QUERY_TOO_COMPLEX, got ${answer.status}: ${answer.text.slice(0, 300)}`);
    if (i >= 50) samples.push(cpu);
  }
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
};

const collect = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

const heapAfterCollection = (): number => {
  collect();
  collect();
  return process.memoryUsage().heapUsed;
};

/**
 * Heap growth, after a full collection, over `count` accepted requests of the largest body (each a new
 * document the cache may keep): what the byte bound of the document cache is for.
 */
export const measureHeapGrowth = async (post: Post, count: number, bodyBytes: number): Promise<number> => {
  const body = (i: number) => {
    const head = `{"query":"query Q${i} { stores { storeId } } #`;
    return `${head}${'c'.repeat(bodyBytes - head.length - 2)}"}`;
  };
  await post(body(-1));
  const before = heapAfterCollection();
  for (let i = 0; i < count; i++) {
    const answer = await post(body(i));
    if (answer.status !== 200) throw new Error(`max-size request ${i}: HTTP ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  return (heapAfterCollection() - before) / (1024 * 1024);
};
