// Runs the TypeScript sources directly with SWC, which (unlike esbuild and tsx)
// emits decorator metadata: type-graphql and MikroORM read it at run time.
require('@swc-node/register');
require('reflect-metadata');
