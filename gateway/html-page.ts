/**
 * What the gateway's own HTML pages (the sandbox, the dashboard) share: text and JSON escaped
 * for HTML, the security policy every page starts from, the response headers of a page, and
 * the start of a page up to the end of its <head>. The Atom feed's content escapes with it too.
 */

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

/**
 * A Content-Security-Policy that allows nothing by default (no <base>, no form targets, no
 * framing) and then what the page lists in `allowed` (its script, style, font, image and
 * connect sources), in that order.
 */
export function contentSecurityPolicy(allowed: readonly string[]): string {
  return ["default-src 'none'", ...allowed, "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'"].join('; ');
}

/** The response headers of a page under the policy `csp`. */
export function pageHeaders(csp: string): Readonly<Record<string, string>> {
  return {
    'Content-Security-Policy': csp,
    'Content-Type': 'text/html; charset=utf-8',
    // A page names its asset build and embeds its endpoint, and is cheap to render: a stale
    // one would ask for assets that are gone.
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
  };
}

export interface PageHeadInput {
  /** The document's language (`lang` of <html>). */
  lang: string;
  /** Plain text; escaped here. */
  title: string;
  /** Further <meta> elements, as markup, after the viewport's. */
  meta?: readonly string[];
  /** Stylesheet URLs in order; escaped here. */
  stylesheets: readonly string[];
}

/**
 * A page from its doctype to the end of its <head>. The favicon is an empty data: URI, so the
 * browser asks for no /favicon.ico.
 */
export function pageHead({ lang, title, meta = [], stylesheets }: PageHeadInput): string {
  return [
    '<!DOCTYPE html>',
    `<html lang="${escapeHtml(lang)}">`,
    '  <head>',
    '    <meta charset="utf-8">',
    '    <meta name="viewport" content="width=device-width, initial-scale=1">',
    ...meta.map((element) => `    ${element}`),
    `    <title>${escapeHtml(title)}</title>`,
    '    <link rel="icon" href="data:,">',
    ...stylesheets.map((href) => `    <link rel="stylesheet" href="${escapeHtml(href)}">`),
    '  </head>',
  ].join('\n');
}
