// graphql 16 ships CommonJS (`main`) and ESM (`module`) builds without an `exports` map. Node, and so
// graphql-yoga and Pothos, load the CommonJS one; a bundler reading `module` would load a second copy whose
// GraphQLError fails yoga's `instanceof` checks (errors then lose their codes). Importing the CommonJS
// entry by path keeps one copy everywhere; every gateway module imports graphql through this file.
export * from 'graphql/index.js';
