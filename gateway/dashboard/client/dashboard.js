/*
 * The reference dashboard's script: plain ES2017 for the browser, no bundler, no dependencies.
 * It reads only the public GraphQL endpoint (POST, JSON) and builds the page with DOM calls
 * and textContent (never innerHTML), so no text from the data is ever parsed as markup.
 */
(function () {
  'use strict';
  var config = JSON.parse(document.getElementById('dashboard-config').textContent);
  var SVG = 'http://www.w3.org/2000/svg';

  var TEXT = {
    da: {
      skip: 'Spring til indhold',
      title: 'Sundhedsklynger og sundhedsråd',
      intro: 'Data fra hubbens offentlige GraphQL-endpoint: overgangen til sundhedsråd, klyngemidler, møder og beslutninger.',
      toc: 'Indhold',
      toggle: 'English',
      toggleLang: 'en',
      loading: 'Henter data …',
      loaded: 'Data hentet.',
      failed: 'Data kunne ikke hentes: ',
      transitionHeading: 'Overgangen til sundhedsråd',
      fundsHeading: 'Klyngemidler',
      fundsIntro: 'Hver klynges seneste opgjorte klyngemidler i hele kroner, som trykt.',
      searchHeading: 'Søg i beslutninger',
      searchLabel: 'Søgeord',
      searchButton: 'Søg',
      searchHelp: 'Ord skal alle findes; "citat" søger en frase, -ord udelukker, or giver alternativer.',
      timelineHeading: 'Mødetidslinje',
      footer: 'Kilde: hubbens GraphQL-endpoint',
      predecessors: 'Forgængere (sundhedsklynger)',
      noPredecessors: 'Ingen kendte forgængere.',
      calendar: 'Kalender (.ics)',
      atom: 'Ændringer (Atom)',
      csv: 'Tabel som CSV',
      agendaCsv: 'Dagsorden som CSV',
      chartTitle: 'Klyngemidler pr. klynge (kr.)',
      chartDesc: 'Søjler for modtaget, forbrugt, disponeret og ikke disponeret beløb for hver klynge; samme tal står i tabellen nedenfor.',
      cluster: 'Klynge',
      reportedOn: 'Opgjort',
      received: 'Modtaget',
      spent: 'Forbrugt',
      committed: 'Disponeret',
      uncommitted: 'Ikke disponeret',
      noFunds: 'Ingen opgørelse',
      searchNone: 'Ingen resultater for ',
      searchCount: function (n) { return n === 1 ? '1 resultat' : n + ' resultater'; },
      searchUnavailable: 'Søgning findes ikke på denne hub endnu.',
      searchEmpty: 'Skriv et eller flere søgeord.',
      kinds: { AGENDA_ITEM: 'Dagsordenspunkt', MEETING: 'Møde', INITIATIVE: 'Indsats' },
      status: { HELD: 'Afholdt', PLANNED: 'Planlagt', CANCELLED: 'Aflyst' },
      undated: 'Uden kendt dato',
      noDate: 'dato ikke oplyst',
      locale: 'da-DK',
    },
    en: {
      skip: 'Skip to content',
      title: 'Health clusters and health councils',
      intro: "Data from the hub's public GraphQL endpoint: the transition to health councils, cluster funds, meetings and decisions.",
      toc: 'Contents',
      toggle: 'Dansk',
      toggleLang: 'da',
      loading: 'Loading data …',
      loaded: 'Data loaded.',
      failed: 'Could not load data: ',
      transitionHeading: 'The transition to health councils',
      fundsHeading: 'Cluster funds',
      fundsIntro: "Each cluster's latest reported fund position in whole kroner, as printed.",
      searchHeading: 'Search decisions',
      searchLabel: 'Search words',
      searchButton: 'Search',
      searchHelp: 'All words must match; "quotes" find a phrase, -word excludes, or gives alternatives.',
      timelineHeading: 'Meeting timeline',
      footer: "Source: the hub's GraphQL endpoint",
      predecessors: 'Predecessors (health clusters)',
      noPredecessors: 'No known predecessors.',
      calendar: 'Calendar (.ics)',
      atom: 'Changes (Atom)',
      csv: 'Table as CSV',
      agendaCsv: 'Agenda as CSV',
      chartTitle: 'Cluster funds per cluster (DKK)',
      chartDesc: 'Bars for the amounts received, spent, committed and uncommitted of each cluster; the table below gives the same figures.',
      cluster: 'Cluster',
      reportedOn: 'Reported',
      received: 'Received',
      spent: 'Spent',
      committed: 'Committed',
      uncommitted: 'Uncommitted',
      noFunds: 'No report',
      searchNone: 'No results for ',
      searchCount: function (n) { return n === 1 ? '1 result' : n + ' results'; },
      searchUnavailable: 'This hub has no search yet.',
      searchEmpty: 'Type one or more search words.',
      kinds: { AGENDA_ITEM: 'Agenda item', MEETING: 'Meeting', INITIATIVE: 'Initiative' },
      status: { HELD: 'Held', PLANNED: 'Planned', CANCELLED: 'Cancelled' },
      undated: 'No known date',
      noDate: 'date not stated',
      locale: 'en-GB',
    },
  };

  var FUND_KEYS = ['received', 'spent', 'committed', 'uncommitted'];
  // Dark enough on white for the 3:1 contrast WCAG 1.4.11 asks of graphics.
  var FUND_COLOURS = { received: '#1f4e79', spent: '#8a3b12', committed: '#2e6b30', uncommitted: '#5b3c88' };

  var DASHBOARD_QUERY =
    'query Dashboard {' +
    ' healthCouncils { id name region { code name } predecessors { id name region { code name } } }' +
    ' clusters { id name region { code name }' +
    '  fundPosition { reportedOn received spent committed uncommitted fundTableId }' +
    '  meetings { id title status date startsAt dateText place body { id name } } } }';

  var SEARCH_QUERY =
    'query Search($query: String!) { clusters { id name search(query: $query, first: 10) { totalCount' +
    ' edges { node { kind id title snippet rank date meeting { id title } } } } } }';

  var lang = initialLanguage();
  var data = null;
  var lastSearch = null;

  function initialLanguage() {
    var fromUrl = new URLSearchParams(window.location.search).get('lang');
    if (fromUrl === 'en' || fromUrl === 'da') return fromUrl;
    try {
      var stored = window.localStorage.getItem('dashboard-lang');
      if (stored === 'en' || stored === 'da') return stored;
    } catch (e) {
      /* storage may be off: Danish */
    }
    return 'da';
  }

  function t(key) {
    return TEXT[lang][key];
  }

  function el(name, attributes, children) {
    var node = document.createElement(name);
    for (var key in attributes || {}) {
      if (attributes[key] !== undefined && attributes[key] !== null) node.setAttribute(key, attributes[key]);
    }
    return withChildren(node, children);
  }

  function svg(name, attributes, children) {
    var node = document.createElementNS(SVG, name);
    for (var key in attributes || {}) node.setAttribute(key, attributes[key]);
    return withChildren(node, children);
  }

  /** Appends the children to node, strings as text nodes (never parsed as markup), and returns node. */
  function withChildren(node, children) {
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function replace(container, children) {
    while (container.firstChild) container.removeChild(container.firstChild);
    children.forEach(function (c) { container.appendChild(c); });
  }

  function feedUrl(path) {
    return config.feedBase + path;
  }

  function kroner(amount) {
    if (amount === null || amount === undefined) return '–';
    return new Intl.NumberFormat(t('locale')).format(amount) + ' kr.';
  }

  function day(iso) {
    return new Intl.DateTimeFormat(t('locale'), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso + 'T00:00:00Z'));
  }

  function time(iso) {
    return new Intl.DateTimeFormat(t('locale'), { timeStyle: 'short', timeZone: 'Europe/Copenhagen' }).format(new Date(iso));
  }

  function graphql(query, variables) {
    return fetch(config.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: query, variables: variables || {} }),
    }).then(function (res) {
      return res.json();
    });
  }

  function applyStaticTexts() {
    document.documentElement.lang = lang;
    document.title = t('title');
    Array.prototype.forEach.call(document.querySelectorAll('[data-i18n]'), function (node) {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    var toggle = document.getElementById('language-toggle');
    toggle.textContent = t('toggle');
    toggle.setAttribute('lang', t('toggleLang'));
  }

  function renderCouncils() {
    var items = data.healthCouncils.map(function (council) {
      var predecessors = council.predecessors.filter(Boolean);
      var list = predecessors.length
        ? el('ul', { class: 'predecessors' }, predecessors.map(function (c) {
            return el('li', {}, [c.name + ' (' + c.region.name + ') ', feedLinks(c.id)]);
          }))
        : el('p', {}, [t('noPredecessors')]);
      return el('article', { class: 'council', 'aria-labelledby': 'council-' + council.id }, [
        el('h3', { id: 'council-' + council.id }, [council.name]),
        el('p', { class: 'meta' }, [council.region.name + ' · ', feedLinks(council.id)]),
        el('h4', {}, [t('predecessors')]),
        list,
      ]);
    });
    replace(document.getElementById('councils'), items);
  }

  function feedLinks(id) {
    return el('span', { class: 'feed-links' }, [
      el('a', { href: feedUrl('/calendar/' + encodeURIComponent(id) + '.ics') }, [t('calendar')]),
      ' · ',
      el('a', { href: feedUrl('/feeds/' + encodeURIComponent(id) + '.atom') }, [t('atom')]),
    ]);
  }

  function clustersWithFunds() {
    return data.clusters.filter(Boolean);
  }

  function renderFundChart() {
    var clusters = clustersWithFunds();
    var reported = clusters.filter(function (c) { return c.fundPosition; });
    var values = [0];
    reported.forEach(function (c) {
      FUND_KEYS.forEach(function (k) {
        if (typeof c.fundPosition[k] === 'number') values.push(c.fundPosition[k]);
      });
    });
    var min = Math.min.apply(null, values);
    var max = Math.max.apply(null, values);
    var span = max - min || 1;
    var labelWidth = 260, barArea = 560, barHeight = 14, gap = 4, groupGap = 18, width = labelWidth + barArea + 20;
    var groupHeight = FUND_KEYS.length * (barHeight + gap) + groupGap;
    var height = 40 + reported.length * groupHeight;
    var x = function (v) { return labelWidth + ((v - min) / span) * barArea; };

    var chart = svg('svg', { class: 'fund-chart', viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-labelledby': 'fund-chart-title fund-chart-desc' }, [
      svg('title', { id: 'fund-chart-title' }, [t('chartTitle')]),
      svg('desc', { id: 'fund-chart-desc' }, [t('chartDesc')]),
    ]);
    // Legend
    FUND_KEYS.forEach(function (k, i) {
      chart.appendChild(svg('rect', { x: String(labelWidth + i * 140), y: '6', width: '12', height: '12', fill: FUND_COLOURS[k] }));
      chart.appendChild(svg('text', { x: String(labelWidth + i * 140 + 18), y: '17', class: 'chart-text' }, [t(k)]));
    });
    chart.appendChild(svg('line', { x1: String(x(0)), x2: String(x(0)), y1: '30', y2: String(height), stroke: '#333', 'stroke-width': '1' }));
    reported.forEach(function (c, i) {
      var top = 36 + i * groupHeight;
      chart.appendChild(svg('text', { x: '0', y: String(top + 12), class: 'chart-text chart-label' }, [c.name]));
      FUND_KEYS.forEach(function (k, j) {
        var v = c.fundPosition[k];
        if (typeof v !== 'number') return;
        var y = top + j * (barHeight + gap);
        var x0 = x(Math.min(0, v)), x1 = x(Math.max(0, v));
        chart.appendChild(svg('rect', { x: String(x0), y: String(y), width: String(Math.max(1, x1 - x0)), height: String(barHeight), fill: FUND_COLOURS[k] }, [
          svg('title', {}, [c.name + ': ' + t(k) + ' ' + kroner(v)]),
        ]));
      });
    });

    var head = el('tr', {}, [t('cluster'), t('reportedOn')].concat(FUND_KEYS.map(t)).concat(['CSV']).map(function (h) {
      return el('th', { scope: 'col' }, [h]);
    }));
    var rows = clusters.map(function (c) {
      var p = c.fundPosition;
      var cells = [el('th', { scope: 'row' }, [c.name])];
      if (!p) {
        cells.push(el('td', { colspan: String(FUND_KEYS.length + 2) }, [t('noFunds')]));
      } else {
        cells.push(el('td', {}, [day(p.reportedOn)]));
        FUND_KEYS.forEach(function (k) { cells.push(el('td', { class: 'amount' }, [kroner(p[k])])); });
        cells.push(el('td', {}, [el('a', { href: feedUrl('/export/fund-tables/' + encodeURIComponent(p.fundTableId) + '.csv') }, [t('csv')])]));
      }
      return el('tr', {}, cells);
    });
    var table = el('table', { class: 'fund-table' }, [el('caption', {}, [t('chartTitle')]), el('thead', {}, [head]), el('tbody', {}, rows)]);
    replace(document.getElementById('fund-chart'), [el('figure', {}, [chart]), el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('chartTitle') }, [table])]);
  }

  function allMeetings() {
    var byId = {};
    var list = [];
    clustersWithFunds().forEach(function (c) {
      c.meetings.forEach(function (m) {
        if (byId[m.id]) return;
        byId[m.id] = true;
        list.push({ meeting: m, cluster: c });
      });
    });
    list.sort(function (a, b) {
      var ka = a.meeting.startsAt || a.meeting.date || '9999';
      var kb = b.meeting.startsAt || b.meeting.date || '9999';
      return ka < kb ? -1 : ka > kb ? 1 : a.meeting.id < b.meeting.id ? -1 : 1;
    });
    return list;
  }

  function renderTimeline() {
    var groups = {};
    var order = [];
    allMeetings().forEach(function (entry) {
      var key = entry.meeting.date ? entry.meeting.date.slice(0, 4) : 'undated';
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push(entry);
    });
    var sections = order.map(function (key) {
      var headingId = 'year-' + key;
      return el('section', { class: 'year', 'aria-labelledby': headingId }, [
        el('h3', { id: headingId }, [key === 'undated' ? t('undated') : key]),
        el('ol', { class: 'meetings' }, groups[key].map(function (entry) {
          var m = entry.meeting;
          var when = m.date ? day(m.date) + (m.startsAt ? ' ' + time(m.startsAt) : '') : m.dateText || t('noDate');
          return el('li', { id: 'meeting-' + m.id, class: 'meeting status-' + m.status.toLowerCase(), tabindex: '-1' }, [
            el('p', { class: 'when' }, [el('time', m.date ? { datetime: m.startsAt || m.date } : {}, [when]), ' · ', el('span', { class: 'badge' }, [t('status')[m.status]])]),
            el('p', { class: 'meeting-title' }, [m.title]),
            el('p', { class: 'meta' }, [m.body.name + ' · ' + entry.cluster.name + (m.place ? ' · ' + m.place : '')]),
            el('p', { class: 'meta' }, [
              el('a', { href: feedUrl('/export/meetings/' + encodeURIComponent(m.id) + '/agenda.csv') }, [t('agendaCsv')]),
              ' · ',
              el('a', { href: feedUrl('/calendar/' + encodeURIComponent(entry.cluster.id) + '/' + encodeURIComponent(m.body.id) + '.ics') }, [t('calendar')]),
            ]),
          ]);
        })),
      ]);
    });
    replace(document.getElementById('meetings'), sections);
    focusMeetingFromHash();
  }

  /** A link from a calendar or feed names a meeting in the hash: show it once the timeline is there. */
  function focusMeetingFromHash() {
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.indexOf('meeting-') !== 0) return;
    var target = document.getElementById(hash);
    if (target) {
      target.scrollIntoView();
      target.focus();
    }
  }

  /** The snippet's «matched» words as <mark>, built as text nodes: the snippet is plain text. */
  function snippet(text) {
    var p = el('p', { class: 'snippet' });
    text.split(/(«[^»]*»)/).forEach(function (part) {
      if (part.charAt(0) === '«' && part.charAt(part.length - 1) === '»') p.appendChild(el('mark', {}, [part.slice(1, -1)]));
      else if (part) p.appendChild(document.createTextNode(part));
    });
    return p;
  }

  function renderSearch() {
    var target = document.getElementById('search-results');
    if (!lastSearch) { replace(target, []); return; }
    if (lastSearch.message) { replace(target, [el('p', {}, [t(lastSearch.message)])]); return; }
    if (lastSearch.error) { replace(target, [el('p', {}, [lastSearch.error])]); return; }
    var hits = lastSearch.hits;
    if (hits.length === 0) { replace(target, [el('p', {}, [t('searchNone') + '"' + lastSearch.query + '"'])]); return; }
    replace(target, [
      el('p', { class: 'count' }, [t('searchCount')(lastSearch.total)]),
      el('ol', { class: 'hits' }, hits.map(function (h) {
        var title = h.meeting
          ? el('a', { href: '#meeting-' + encodeURIComponent(h.meeting.id) }, [h.title])
          : document.createTextNode(h.title);
        return el('li', { class: 'hit' }, [
          el('p', { class: 'hit-title' }, [title]),
          el('p', { class: 'meta' }, [t('kinds')[h.kind] + ' · ' + h.cluster + (h.date ? ' · ' + day(h.date) : '') + (h.meeting ? ' · ' + h.meeting.title : '')]),
          snippet(h.snippet),
        ]);
      })),
    ]);
  }

  function search(query) {
    if (!query.trim()) { lastSearch = { message: 'searchEmpty' }; renderSearch(); return; }
    graphql(SEARCH_QUERY, { query: query }).then(function (answer) {
      if (!answer.data) {
        var unavailable = (answer.errors || []).some(function (e) { return /search/.test(e.message || ''); });
        lastSearch = unavailable ? { message: 'searchUnavailable' } : { error: (answer.errors && answer.errors[0] && answer.errors[0].message) || '?' };
        renderSearch();
        return;
      }
      var hits = [];
      var total = 0;
      answer.data.clusters.filter(Boolean).forEach(function (c) {
        total += c.search.totalCount;
        c.search.edges.forEach(function (e) {
          var h = e.node;
          hits.push({ kind: h.kind, id: h.id, title: h.title, snippet: h.snippet, rank: h.rank, date: h.date, meeting: h.meeting, cluster: c.name });
        });
      });
      // Ranks are comparable across regions (same function and weights): one list, best first.
      hits.sort(function (a, b) { return b.rank - a.rank || (a.id < b.id ? -1 : 1); });
      lastSearch = { query: query, hits: hits, total: total };
      renderSearch();
    }, function () {
      lastSearch = { message: 'searchUnavailable' };
      renderSearch();
    });
  }

  function renderAll() {
    applyStaticTexts();
    if (data) {
      renderCouncils();
      renderFundChart();
      renderTimeline();
      document.getElementById('status').textContent = t('loaded');
    }
    renderSearch();
  }

  document.getElementById('language-toggle').addEventListener('click', function () {
    lang = lang === 'da' ? 'en' : 'da';
    try { window.localStorage.setItem('dashboard-lang', lang); } catch (e) { /* not kept */ }
    renderAll();
  });
  document.getElementById('search-form').addEventListener('submit', function (event) {
    event.preventDefault();
    search(document.getElementById('search-input').value);
  });
  window.addEventListener('hashchange', focusMeetingFromHash);

  applyStaticTexts();
  graphql(DASHBOARD_QUERY).then(function (answer) {
    if (!answer.data) throw new Error((answer.errors && answer.errors[0] && answer.errors[0].message) || 'no data');
    data = answer.data;
    document.body.setAttribute('data-loaded', 'true');
    renderAll();
  }).catch(function (error) {
    document.getElementById('status').textContent = t('failed') + error.message;
  });
})();
