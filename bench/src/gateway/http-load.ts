import { Agent, request } from 'node:http';

// A small keep-alive HTTP client for the gateway suite: node:http with a pooled agent (one socket per
// worker), so the measured path is the gateway's, not a heavyweight client's.

export interface GraphqlReply {
  readonly status: number;
  readonly body: string;
}

export interface GraphqlClient {
  post(body: string, token: string): Promise<GraphqlReply>;
  close(): void;
}

export const graphqlClient = (baseUrl: string, sockets: number): GraphqlClient => {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const url = new URL('/graphql', baseUrl);
  return {
    post: (body, token) =>
      new Promise<GraphqlReply>((resolve, reject) => {
        const req = request(
          url,
          {
            method: 'POST',
            agent,
            headers: {
              'content-type': 'application/json',
              accept: 'application/graphql-response+json',
              authorization: `Bearer ${token}`,
              'content-length': Buffer.byteLength(body),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      }),
    close: () => agent.destroy(),
  };
};

/** The parsed reply, or an error naming what was wrong (status, GraphQL errors). */
export const parseReply = (reply: GraphqlReply): { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> } =>
  JSON.parse(reply.body) as { data?: Record<string, unknown>; errors?: Array<{ message: string; extensions?: { code?: string } }> };
