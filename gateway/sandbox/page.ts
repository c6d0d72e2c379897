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

/**
 * - script-src 'self': no inline script, no eval (GraphiQL 3 needs neither).
 * - style-src 'unsafe-inline': needed. GraphiQL's dialogs (settings, shortcuts)
 *   use react-remove-scroll, which injects a <style> element whose content is
 *   computed at runtime (so no hash) and whose nonce is read from a webpack
 *   internal the UMD bundle does not expose (so no nonce). Inline styles cannot
 *   run code; scripts stay locked down.
 * - font-src/img-src data:: GraphiQL's CSS embeds its fonts as data: URIs, and
 *   the page's favicon is an empty data: URI (stops a /favicon.ico request).
 * - connect-src 'self': operations and introspection go to this origin only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'Content-Type': 'text/html; charset=utf-8',
  // The page is cheap to render and embeds the endpoint; never serve a stale one.
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
};

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]);
}

/**
 * JSON that is safe inside a <script> element: escaping "<" rules out
 * "</script>" and "<!--"; ">" and "&" for good measure; U+2028/U+2029 because
 * older JavaScript parsers treat them as line breaks. All are valid JSON escapes,
 * so JSON.parse returns the original value.
 */
export function jsonForScriptElement(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

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
  const stylesheets = STYLESHEET_NAMES.map((name) => `    <link rel="stylesheet" href="${asset(name)}">`).join('\n');
  // Plain (non-module, non-async) scripts run in document order: React, ReactDOM, GraphiQL, then ours.
  const scripts = SCRIPT_NAMES.map((name) => `    <script src="${asset(name)}"></script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="robots" content="noindex">
    <title>${t} · GraphQL sandbox</title>
    <link rel="icon" href="data:,">
${stylesheets}
  </head>
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
