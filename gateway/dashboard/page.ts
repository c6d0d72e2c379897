/**
 * The dashboard's HTML and its security headers.
 *
 * The page is static: its script (client/dashboard.js) asks the public /graphql endpoint for
 * everything it shows, as any dashboard built on the hub would. The markup is in Danish so
 * the page reads in Danish before the script runs; the script switches texts to English.
 *
 * CSP as the sandbox's (gateway/sandbox/page.ts), stricter on styles: no inline styles are
 * needed here, so style-src is 'self' only.
 */
import { contentSecurityPolicy, escapeHtml, jsonForScriptElement, pageHead, pageHeaders } from '../html-page';

export const DASHBOARD_CSP = contentSecurityPolicy(["script-src 'self'", "style-src 'self'", "img-src 'self' data:", "connect-src 'self'"]);

export const DASHBOARD_HEADERS = pageHeaders(DASHBOARD_CSP);

export const DASHBOARD_CONFIG_ID = 'dashboard-config';

export interface DashboardConfig {
  /** The public GraphQL endpoint the page reads. */
  endpoint: string;
  /** Where the calendar, Atom and CSV links point (the gateway's origin, "" for same origin). */
  feedBase: string;
}

export function renderDashboardPage(assetBase: string, config: DashboardConfig): string {
  const asset = (name: string) => escapeHtml(assetBase + name);
  const head = pageHead({ lang: 'da', title: 'Sundhedsklynger og sundhedsråd · oversigt', stylesheets: [assetBase + 'dashboard.css'] });
  return `${head}
  <body>
    <a class="skip-link" href="#main" data-i18n="skip">Spring til indhold</a>
    <header class="site-header">
      <h1 data-i18n="title">Sundhedsklynger og sundhedsråd</h1>
      <p data-i18n="intro">Data fra hubbens offentlige GraphQL-endpoint: overgangen til sundhedsråd, klyngemidler, møder og beslutninger.</p>
      <button type="button" id="language-toggle" lang="en">English</button>
    </header>
    <nav aria-labelledby="toc-heading" class="toc">
      <h2 id="toc-heading" class="visually-hidden" data-i18n="toc">Indhold</h2>
      <ul>
        <li><a href="#transition" data-i18n="transitionHeading">Overgangen til sundhedsråd</a></li>
        <li><a href="#funds" data-i18n="fundsHeading">Klyngemidler</a></li>
        <li><a href="#search" data-i18n="searchHeading">Søg i beslutninger</a></li>
        <li><a href="#timeline" data-i18n="timelineHeading">Mødetidslinje</a></li>
      </ul>
    </nav>
    <main id="main" tabindex="-1">
      <p id="status" role="status" data-i18n="loading">Henter data …</p>
      <section id="transition" aria-labelledby="transition-heading">
        <h2 id="transition-heading" data-i18n="transitionHeading">Overgangen til sundhedsråd</h2>
        <div id="councils"></div>
      </section>
      <section id="funds" aria-labelledby="funds-heading">
        <h2 id="funds-heading" data-i18n="fundsHeading">Klyngemidler</h2>
        <p data-i18n="fundsIntro">Hver klynges seneste opgjorte klyngemidler i hele kroner, som trykt.</p>
        <div id="fund-chart"></div>
      </section>
      <section id="search" aria-labelledby="search-heading">
        <h2 id="search-heading" data-i18n="searchHeading">Søg i beslutninger</h2>
        <form id="search-form" role="search" aria-labelledby="search-heading">
          <label for="search-input" data-i18n="searchLabel">Søgeord</label>
          <input id="search-input" name="q" type="search" autocomplete="off" aria-describedby="search-help">
          <button type="submit" data-i18n="searchButton">Søg</button>
          <p id="search-help" class="help" data-i18n="searchHelp">Ord skal alle findes; "citat" søger en frase, -ord udelukker, or giver alternativer.</p>
        </form>
        <div id="search-results" aria-live="polite"></div>
      </section>
      <section id="timeline" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading" data-i18n="timelineHeading">Mødetidslinje</h2>
        <div id="meetings"></div>
      </section>
    </main>
    <footer class="site-footer">
      <p><span data-i18n="footer">Kilde: hubbens GraphQL-endpoint</span> <code>${escapeHtml(config.endpoint)}</code></p>
    </footer>
    <script type="application/json" id="${DASHBOARD_CONFIG_ID}">${jsonForScriptElement(config)}</script>
    <script src="${asset('dashboard.js')}"></script>
  </body>
</html>
`;
}
