// Runs the TypeScript sources directly with SWC, which (unlike esbuild and tsx)
// emits decorator metadata: type-graphql and MikroORM read it at run time.
//
// @swc-node/register does the transpiling, but loading it costs ~0.25 s of CPU in every
// process (it loads the TypeScript compiler to read tsconfig.json), and `npm start` runs five.
// So the output is kept in a cache of our own (tools/transpile-cache.js), keyed by the file's
// path and content and by everything that shapes SWC's output, and @swc-node/register is
// loaded only when a file is not in it. The result is the same code, with the same source
// maps, as @swc-node/register's own hook gives.
const { installTranspileCache } = require('./transpile-cache');

installTranspileCache();
require('reflect-metadata');
