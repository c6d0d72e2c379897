/**
 * The sandbox's own browser script and stylesheet, served as static assets.
 *
 * Why a separate script instead of an inline <script>: the page's CSP is
 * `script-src 'self'`, with no 'unsafe-inline' and no nonce to thread through.
 * The page hands its configuration over in a JSON data block
 * (<script type="application/json">), which browsers never execute, so CSP
 * does not apply to it.
 *
 * Kept as plain strings (not TypeScript compiled for the browser) so there is no
 * browser build step; the script only relies on the UMD globals React, ReactDOM
 * and GraphiQL loaded before it.
 */

export const CONFIG_ELEMENT_ID = 'sandbox-config';
export const ROOT_ELEMENT_ID = 'graphiql';

/**
 * Config read by the script. `examples[].variables` is already JSON text
 * because that is what GraphiQL's variables editor holds.
 */
export interface ClientConfig {
  endpoint: string;
  examples: Array<{ name: string; query: string; variables?: string }>;
}

export const clientScript = `(function () {
  'use strict';
  var config = JSON.parse(document.getElementById(${JSON.stringify(CONFIG_ELEMENT_ID)}).textContent);

  // One tab per example, first active (GraphiQL only uses defaultTabs when no
  // tabs are stored in localStorage yet, i.e. on a first visit).
  var tabs = config.examples.map(function (example) {
    return { query: example.query, variables: example.variables };
  });

  var props = {
    fetcher: GraphiQL.createFetcher({ url: config.endpoint }),
    defaultTabs: tabs.length > 0 ? tabs : undefined,
    // Headers may carry tokens: keep them out of localStorage.
    shouldPersistHeaders: false
  };

  // ?query=...&variables=... opens that operation (GraphiQL 3 ignores the URL
  // itself). Passing it as the query prop makes GraphiQL pick or add a matching
  // tab even when tabs are stored; prepending it to defaultTabs covers the
  // first visit, where the query prop alone would be dropped in favour of them.
  var params = new URLSearchParams(window.location.search);
  var urlQuery = params.get('query');
  if (urlQuery) {
    var urlVariables = params.get('variables') || undefined;
    props.query = urlQuery;
    props.variables = urlVariables;
    props.defaultTabs = [{ query: urlQuery, variables: urlVariables }].concat(tabs);
  }

  ReactDOM.createRoot(document.getElementById(${JSON.stringify(ROOT_ELEMENT_ID)}))
    .render(React.createElement(GraphiQL, props));
})();
`;

export const clientStyles = `html, body { height: 100%; margin: 0; }
body {
  display: flex;
  flex-direction: column;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
.sandbox-header {
  flex: none;
  padding: 6px 16px;
  font-size: 14px;
  line-height: 20px;
  color: #1b2240;
  background: #eef1f8;
  border-bottom: 1px solid #d6dbe7;
}
.sandbox-header code { font-size: 13px; }
.sandbox-header .sandbox-note { color: #5a6273; }
#${ROOT_ELEMENT_ID} { flex: 1; min-height: 0; }
@media (prefers-color-scheme: dark) {
  .sandbox-header { color: #e6e9f2; background: #1c2233; border-bottom-color: #2c3550; }
  .sandbox-header .sandbox-note { color: #a3aabb; }
}
`;
