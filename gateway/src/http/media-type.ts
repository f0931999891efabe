import { type Plugin, createGraphQLError } from 'graphql-yoga';

/**
 * A GET or POST whose body no request parser reads (e.g. `text/plain`) is answered 415 with a coded error,
 * where yoga answered 415 with an empty body: every refusal carries `extensions.code`. Other methods are left
 * to yoga's 405.
 */
export const mediaTypePlugin: Plugin = {
  onRequestParse({ request, requestParser }) {
    if (requestParser !== undefined || (request.method !== 'GET' && request.method !== 'POST')) return;
    throw createGraphQLError(`a GraphQL request is JSON (application/json), not ${request.headers.get('content-type') ?? 'a body without a type'}`, {
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', http: { status: 415 } },
    });
  },
};
