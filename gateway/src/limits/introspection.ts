import { type Plugin } from 'graphql-yoga';
import { type ASTVisitor, type ValidationContext } from '../graphql.js';
import { refusal } from './query-limits.js';

export const INTROSPECTION_DISABLED = 'INTROSPECTION_DISABLED';

/**
 * Refuses `__schema` and `__type` (`__typename` stays: clients use it to tell union members apart). The schema
 * is no secret — it is in the repository — but a production gateway has no use for answering it, and one
 * introspection answer is ~50 KB for a ~2 KB question.
 */
export const noIntrospectionRule = (context: ValidationContext): ASTVisitor => ({
  Field(node) {
    if (node.name.value === '__schema' || node.name.value === '__type') {
      context.reportError(refusal(`introspection (${node.name.value}) is switched off on this gateway`, node, { code: INTROSPECTION_DISABLED }));
    }
  },
});

/** Adds `noIntrospectionRule` to the validation of every document (a cached document passed it already). */
export const noIntrospectionPlugin: Plugin = {
  onValidate({ addValidationRule }) {
    addValidationRule(noIntrospectionRule);
  },
};
