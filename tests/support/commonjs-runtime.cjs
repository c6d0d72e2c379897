/**
 * Jest's runtime, except that the ESM-only packages named here are loaded as CommonJS,
 * compiled by the project's SWC transform (jest.config.js).
 *
 * Node 20.19+ loads an ESM-only package such as jose from CommonJS code (require(esm)), so
 * the services simply import it. Jest's module system cannot: with --experimental-vm-modules
 * (which PGlite needs) it refuses `require()` of any .js file under a `"type": "module"`
 * package.json before a transform is even consulted, so transforming the package is not
 * enough; this runtime answers "not ESM" for it, and the transform does the rest.
 */
const Runtime = require('jest-runtime').default;

/** ESM-only packages the project's TypeScript imports. */
const ESM_ONLY_PACKAGES = ['jose', 'pdfjs-dist'];
const ESM_ONLY_PATH = new RegExp(`/node_modules/(?:${ESM_ONLY_PACKAGES.join('|')})/`);

class CommonJsRuntime extends Runtime {
  unstable_shouldLoadAsEsm(modulePath) {
    return ESM_ONLY_PATH.test(modulePath) ? false : super.unstable_shouldLoadAsEsm(modulePath);
  }
}

module.exports = CommonJsRuntime;
module.exports.default = CommonJsRuntime;
module.exports.ESM_ONLY_PACKAGES = ESM_ONLY_PACKAGES;
