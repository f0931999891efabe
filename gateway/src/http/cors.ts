import { type Plugin } from 'graphql-yoga';

/** `scheme://host[:port]`, what a browser sends as `Origin`. */
export const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

const ALLOWED_HEADERS = 'authorization, content-type, accept, traceparent';

/**
 * Cross-origin access for the browser origins listed (`GATEWAY_CORS_ORIGINS`), and for no other. Yoga's own
 * CORS, which this replaces, answered any `Origin` with that origin and `Access-Control-Allow-Credentials:
 * true`, so any web page a signed-in user opened could call the gateway as them. An origin not listed gets
 * no CORS header at all (its browser then keeps the answer from the page); a preflight from it is answered
 * 204 the same way, with nothing allowed.
 */
export const corsPlugin = (origins: readonly string[]): Plugin => {
  const allowed = new Set(origins);
  const grant = (origin: string | null): Record<string, string> =>
    origin !== null && allowed.has(origin)
      ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }
      : { Vary: 'Origin' };
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      if (request.method !== 'OPTIONS') return;
      const origin = request.headers.get('origin');
      const headers: Record<string, string> = { 'Content-Length': '0', ...grant(origin) };
      if (origin !== null && allowed.has(origin)) {
        headers['Access-Control-Allow-Methods'] = 'GET, POST';
        headers['Access-Control-Allow-Headers'] = ALLOWED_HEADERS;
        headers['Access-Control-Max-Age'] = '600';
      }
      endResponse(new fetchAPI.Response(null, { status: 204, headers }));
    },
    onResponse({ request, response }) {
      if (request.method === 'OPTIONS') return;
      for (const [name, value] of Object.entries(grant(request.headers.get('origin')))) response.headers.set(name, value);
    },
  };
};
