import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { type GraphiQLOptions } from 'graphql-yoga';

/**
 * GraphiQL with every script, style sheet, editor worker and icon inlined in the page the gateway serves
 * (`@graphql-yoga/render-graphiql`), instead of yoga's default page, which loads them from a CDN: a store's
 * network often has no way out. The page is ~9 MB and the same for every request with the same options,
 * so it is rendered once per set of options.
 */
export const selfContainedGraphiQL = (): ((options?: GraphiQLOptions) => string) => {
  const pages = new Map<string, string>();
  return (options) => {
    const key = JSON.stringify(options ?? {});
    let page = pages.get(key);
    if (page === undefined) {
      page = renderGraphiQL(options);
      if (pages.size >= 4) pages.clear();
      pages.set(key, page);
    }
    return page;
  };
};
