import { type Plugin, createGraphQLError } from 'graphql-yoga';

/**
 * 1 MB: a command's input or a report query is a few KB, and the largest document the token limit lets
 * through is ~100 KB of text outside comments. Yoga's 25 MB let a few requests pin hundreds of MB.
 */
export const DEFAULT_MAX_REQUEST_BODY_BYTES = 1_000_000;

const tooLarge = () => createGraphQLError('Request body too large', { extensions: { code: 'REQUEST_ENTITY_TOO_LARGE', http: { status: 413 } } });
const badLength = () => createGraphQLError('Content-Length header is invalid.', { extensions: { code: 'BAD_REQUEST', http: { status: 400 } } });

// Only one non-negative integer is a valid Content-Length (a comma-joined list is a smuggling attempt).
const CONTENT_LENGTH = /^\d+$/;

/**
 * The request body limit of yoga's own plugin (413 `REQUEST_ENTITY_TOO_LARGE`, 400 for an invalid
 * Content-Length), without its cost for the common request: yoga pipes every body through a counting
 * TransformStream (a stream pipeline, an AbortController and a DOMException per request, ~8 % of the CPU
 * of a cached `kpis` request). A body that declares its length is refused or accepted on the header alone:
 * Node's HTTP parser delivers exactly Content-Length bytes and refuses a request that also says
 * Transfer-Encoding. Only a body without a length (chunked) is counted as it streams in.
 */
export const requestBodyLimitPlugin = (limit: number): Plugin => ({
  onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
    const declared = request.headers.get('content-length');
    if (declared !== null) {
      if (!CONTENT_LENGTH.test(declared)) throw badLength();
      if (Number(declared) > limit) throw tooLarge();
      return;
    }
    if (requestParser === undefined || request.body === null) return;
    const parse = requestParser;
    setRequestParser((req) => {
      const body = req.body;
      if (body === null) return parse(req);
      let read = 0;
      // A native ReadableStream (in-process `fetch`) needs the native TransformStream, the ponyfill's its own.
      const Transform = body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
      const counted = body.pipeThrough(
        new Transform<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            read += chunk.byteLength;
            if (read > limit) controller.error(tooLarge());
            else controller.enqueue(chunk);
          },
        }),
      );
      return parse(
        new fetchAPI.Request(req.url, { method: req.method, headers: req.headers, signal: req.signal, body: counted, duplex: 'half' } as RequestInit),
      );
    });
  },
});
