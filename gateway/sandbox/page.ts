/**
 * The sandbox HTML page and its security headers.
 *
 * Why not Apollo's landing page: it loads Apollo Sandbox / Explorer from a CDN
 * (embeddable-sandbox.cdn.apollographql.com) and renders nothing without
 * internet. This page references only same-origin assets, and its CSP makes the
 * browser refuse anything else, so "works offline" is enforced, not hoped for.
 */
import { CONFIG_ELEMENT_ID, ROOT_ELEMENT_ID, type ClientConfig } from './client';
import { SCRIPT_NAMES, STYLESHEET_NAMES } from './assets';
import { contentSecurityPolicy, escapeHtml, jsonForScriptElement, pageHead, pageHeaders } from '../html-page';

/**
 * - script-src 'self': no inline script, no eval (GraphiQL 3 needs neither).
 * - style-src 'unsafe-inline': needed. GraphiQL's dialogs (settings, shortcuts)
 *   use react-remove-scroll, which injects a <style> element whose content is
 *   computed at runtime (so no hash) and whose nonce is read from a webpack
 *   internal the UMD bundle does not expose (so no nonce). Inline styles cannot
 *   run code; scripts stay locked down.
 * - font-src/img-src data:: GraphiQL's CSS embeds its fonts as data: URIs, and
 *   the page's favicon is an empty data: URI (see pageHead).
 * - connect-src 'self': operations and introspection go to this origin only.
 */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy([
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
]);

export const PAGE_HEADERS = pageHeaders(CONTENT_SECURITY_POLICY);

export interface PageInput {
  title: string;
  endpoint: string;
  /** URL prefix of the assets, ending in "/". */
  assetBase: string;
  config: ClientConfig;
}

export function renderSandboxPage({ title, endpoint, assetBase, config }: PageInput): string {
  const t = escapeHtml(title);
  const asset = (name: string) => escapeHtml(assetBase + name);
  // Plain (non-module, non-async) scripts run in document order: React, ReactDOM, GraphiQL, then ours.
  const scripts = SCRIPT_NAMES.map((name) => `    <script src="${asset(name)}"></script>`).join('\n');
  const head = pageHead({
    lang: 'en',
    title: `${title} · GraphQL sandbox`,
    meta: ['<meta name="robots" content="noindex">'],
    stylesheets: STYLESHEET_NAMES.map((name) => assetBase + name),
  });
  return `${head}
  <body>
    <header class="sandbox-header">
      <strong>${t}</strong> · local GraphQL sandbox
      <span class="sandbox-note">(served by this gateway, works offline) · endpoint <code>${escapeHtml(endpoint)}</code></span>
    </header>
    <main id="${ROOT_ELEMENT_ID}"><noscript>The sandbox needs JavaScript. GraphQL requests can still be POSTed to ${escapeHtml(endpoint)}.</noscript></main>
    <script type="application/json" id="${CONFIG_ELEMENT_ID}">${jsonForScriptElement(config)}</script>
${scripts}
  </body>
</html>
`;
}
