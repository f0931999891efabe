import { type Plugin } from 'graphql-yoga';
import { badInput } from '../errors.js';
import { nestsWithin } from '../schema/scalars.js';

/**
 * Nesting the variables (and extensions) of a request may have: the deepest input type the contracts derive
 * is ~6 levels, plus a JSON value's 32.
 */
export const MAX_VARIABLES_DEPTH = 48;

/**
 * Refuses variables nested past MAX_VARIABLES_DEPTH before anything reads them: a 1 MB body holds a value
 * 200,000 levels deep, which ended the stack of the executor's variable coercion (an HTTP 500). One walk of
 * the parsed body, without recursion.
 */
export const variablesDepthPlugin: Plugin = {
  onParams({ params }) {
    if (!nestsWithin(params.variables, MAX_VARIABLES_DEPTH) || !nestsWithin(params.extensions, MAX_VARIABLES_DEPTH)) {
      throw badInput('INPUT_TOO_DEEP', `variables nest at most ${MAX_VARIABLES_DEPTH} levels`);
    }
  },
};
