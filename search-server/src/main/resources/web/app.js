/*
 * policy-search — search page.
 * Plain JavaScript, no framework, no build step. Works under a strict
 * Content-Security-Policy (no inline scripts/styles, no eval).
 *
 * Security rule: only `title_html` and `snippets` from /api/search (already
 * HTML-escaped by the server, matches wrapped in <mark>) are inserted with
 * innerHTML. Everything else is inserted as text.
 */
(function () {
  'use strict';

  var I18N = window.PS_I18N;
  if (!I18N) {
    return;
  }

  // ---------------------------------------------------------------------------
  // Constants
  // ---------------------------------------------------------------------------
  var DEFAULT_SIZE = 10;
  var MULTI_FILTERS = ['theme', 'year', 'issuer'];
  var KNOWN_TYPES = ['policy', 'speech', 'conference', 'report', 'news'];
  var FACET_ORDER = ['type', 'theme', 'year', 'issuer', 'lang'];
  var FACET_VISIBLE = 8;
  var PAGE_WINDOW = 2;
  var SUGGEST_DELAY = 150;
  var LOADING_DELAY = 200;
  var CACHE_LIMIT = 30;
  var UI_LANG_KEY = 'policy-search.ui-lang';
  var DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

  // ---------------------------------------------------------------------------
  // DOM references
  // ---------------------------------------------------------------------------
  function $(id) { return document.getElementById(id); }

  var dom = {
    form: $('search-form'),
    q: $('q'),
    within: $('within'),
    withinLabel: $('within-label'),
    sort: $('sort'),
    lang: $('lang'),
    type: $('type'),
    from: $('from'),
    to: $('to'),
    suggestions: $('suggestions'),
    langToggle: $('lang-toggle'),
    error: $('error'),
    loading: $('loading'),
    searchView: $('search-view'),
    facetsPanel: $('facets-panel'),
    facets: $('facets'),
    chips: $('chips'),
    total: $('total'),
    expansions: $('expansions'),
    welcome: $('welcome'),
    examples: $('examples'),
    noResults: $('no-results'),
    results: $('results'),
    pagination: $('pagination'),
    docView: $('doc-view'),
    docBack: $('doc-back'),
    docBadges: $('doc-badges'),
    docTitle: $('doc-title'),
    otherLang: $('other-lang'),
    docMetaBody: $('doc-meta-body'),
    docMatches: $('doc-matches'),
    docMatchesText: $('doc-matches-text'),
    prevMatch: $('prev-match'),
    nextMatch: $('next-match'),
    docBody: $('doc-body'),
    related: $('related'),
    relatedList: $('related-list')
  };

  // ---------------------------------------------------------------------------
  // Interface language
  // ---------------------------------------------------------------------------
  var uiLang = initialUiLang();

  function initialUiLang() {
    var stored = null;
    try {
      stored = window.localStorage.getItem(UI_LANG_KEY);
    } catch (e) {
      stored = null;
    }
    if (stored === 'zh' || stored === 'en') {
      return stored;
    }
    var nav = (navigator.languages && navigator.languages[0]) || navigator.language || '';
    return /^zh/i.test(nav) ? 'zh' : 'en';
  }

  function lookup(dict, key) {
    var parts = key.split('.');
    var v = dict;
    for (var i = 0; i < parts.length; i++) {
      if (v == null || typeof v !== 'object') {
        return undefined;
      }
      v = v[parts[i]];
    }
    return v;
  }

  /** Translate `key`, replacing {name} placeholders with params (as plain text). */
  function t(key, params) {
    var dict = I18N[uiLang] || I18N.zh;
    var v = lookup(dict, key);
    if (v === undefined) {
      v = lookup(I18N.zh, key);
    }
    if (v === undefined) {
      return key;
    }
    if (typeof v !== 'string') {
      return v;
    }
    if (params) {
      v = v.replace(/\{(\w+)\}/g, function (m, name) {
        return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m;
      });
    }
    return v;
  }

  /** Like t() but picks `<key>One` for a count of 1 when the dictionary has it. */
  function tn(key, n, params) {
    var dict = I18N[uiLang] || I18N.zh;
    if (n === 1 && typeof dict[key + 'One'] === 'string') {
      return t(key + 'One', params);
    }
    return t(key, params);
  }

  function typeLabel(type) {
    if (!type) {
      return '';
    }
    var label = lookup(I18N[uiLang], 'types.' + type);
    return typeof label === 'string' ? label : String(type);
  }

  function langName(code) {
    var name = lookup(I18N[uiLang], 'langNames.' + code);
    return typeof name === 'string' ? name : String(code);
  }

  function langTag(code) {
    var tag = lookup(I18N[uiLang], 'langTags.' + code);
    return typeof tag === 'string' ? tag : String(code).toUpperCase();
  }

  function htmlLangOf(code) {
    if (code === 'zh') { return 'zh-CN'; }
    if (code === 'en') { return 'en'; }
    return '';
  }

  function formatNumber(n) {
    var num = Number(n);
    if (!isFinite(num)) {
      return String(n);
    }
    try {
      return num.toLocaleString(uiLang === 'zh' ? 'zh-CN' : 'en-US');
    } catch (e) {
      return String(num);
    }
  }

  function applyStaticI18n() {
    document.documentElement.lang = t('htmlLang');
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) {
      var v = t(nodes[i].getAttribute('data-i18n'));
      if (typeof v === 'string') {
        nodes[i].textContent = v;
      }
    }
    nodes = document.querySelectorAll('[data-i18n-placeholder]');
    for (i = 0; i < nodes.length; i++) {
      nodes[i].setAttribute('placeholder', t(nodes[i].getAttribute('data-i18n-placeholder')));
    }
    nodes = document.querySelectorAll('[data-i18n-aria-label]');
    for (i = 0; i < nodes.length; i++) {
      nodes[i].setAttribute('aria-label', t(nodes[i].getAttribute('data-i18n-aria-label')));
    }
    dom.langToggle.textContent = t('langToggle');
    dom.langToggle.setAttribute('aria-label', t('langToggleLabel'));
    dom.langToggle.setAttribute('lang', uiLang === 'zh' ? 'en' : 'zh-CN');
    renderExamples();
  }

  function renderExamples() {
    clear(dom.examples);
    var examples = t('examples');
    if (!Array.isArray(examples)) {
      return;
    }
    examples.forEach(function (ex) {
      var s = emptyState();
      s.q = ex;
      var li = el('li');
      li.appendChild(navLink(s, ex, 'example'));
      dom.examples.appendChild(li);
    });
  }

  // ---------------------------------------------------------------------------
  // Small DOM helpers
  // ---------------------------------------------------------------------------
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function clear(node) {
    while (node.firstChild) {
      node.removeChild(node.firstChild);
    }
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  function isNonEmptyString(v) {
    return typeof v === 'string' && v.trim() !== '';
  }

  /** Internal link: a real href (works with middle-click) handled by the router. */
  function navLink(state, text, className) {
    var a = el('a', className, text);
    a.href = urlFor(state);
    a.setAttribute('data-nav', '');
    return a;
  }

  /** Only http(s) URLs may become clickable external links. */
  function safeExternalUrl(url) {
    if (!isNonEmptyString(url)) {
      return null;
    }
    try {
      var u = new URL(url, window.location.href);
      return (u.protocol === 'http:' || u.protocol === 'https:') ? u.href : null;
    } catch (e) {
      return null;
    }
  }

  // ---------------------------------------------------------------------------
  // State <-> URL
  // ---------------------------------------------------------------------------
  function emptyState() {
    return {
      q: '', page: 1, size: DEFAULT_SIZE, sort: 'relevance', lang: '', type: '',
      from: '', to: '', theme: [], year: [], issuer: [], doc: ''
    };
  }

  function cloneState(s, changes) {
    var c = {};
    Object.keys(s).forEach(function (k) {
      c[k] = Array.isArray(s[k]) ? s[k].slice() : s[k];
    });
    if (changes) {
      Object.keys(changes).forEach(function (k) { c[k] = changes[k]; });
    }
    return c;
  }

  function uniq(list) {
    var seen = Object.create(null);
    var out = [];
    list.forEach(function (v) {
      if (!seen[v]) {
        seen[v] = true;
        out.push(v);
      }
    });
    return out;
  }

  function stateFromSearch(search) {
    var p = new URLSearchParams(search);
    var s = emptyState();
    s.q = (p.get('q') || '').trim();
    var page = parseInt(p.get('page'), 10);
    s.page = page >= 1 ? page : 1;
    var size = parseInt(p.get('size'), 10);
    s.size = size >= 1 && size <= 100 ? size : DEFAULT_SIZE;
    s.sort = p.get('sort') === 'date' ? 'date' : 'relevance';
    var lang = p.get('lang');
    s.lang = lang === 'zh' || lang === 'en' ? lang : '';
    s.type = (p.get('type') || '').trim();
    s.from = DATE_RE.test(p.get('from') || '') ? p.get('from') : '';
    s.to = DATE_RE.test(p.get('to') || '') ? p.get('to') : '';
    MULTI_FILTERS.forEach(function (k) {
      s[k] = uniq(p.getAll(k).map(function (v) { return v.trim(); }).filter(Boolean));
    });
    s.doc = p.get('doc') || '';
    return s;
  }

  /** Query parameters. forApi: parameters for /api/search (no doc, explicit page/size/sort). */
  function stateParams(s, forApi) {
    var p = new URLSearchParams();
    if (s.q || forApi) { p.set('q', s.q); }
    if (forApi || s.page > 1) { p.set('page', String(s.page)); }
    if (forApi || s.size !== DEFAULT_SIZE) { p.set('size', String(s.size)); }
    if (forApi || s.sort !== 'relevance') { p.set('sort', s.sort); }
    if (s.lang) { p.set('lang', s.lang); }
    if (s.type) { p.set('type', s.type); }
    if (s.from) { p.set('from', s.from); }
    if (s.to) { p.set('to', s.to); }
    MULTI_FILTERS.forEach(function (k) {
      s[k].forEach(function (v) { p.append(k, v); });
    });
    if (!forApi && s.doc) { p.set('doc', s.doc); }
    return p;
  }

  function urlFor(s) {
    var qs = stateParams(s, false).toString();
    return window.location.pathname + (qs ? '?' + qs : '');
  }

  function hasFilters(s) {
    return !!(s.lang || s.type || s.from || s.to ||
      s.theme.length || s.year.length || s.issuer.length);
  }

  function hasSearch(s) {
    return s.q !== '' || hasFilters(s);
  }

  function withoutFilters(s) {
    return cloneState(s, {
      lang: '', type: '', from: '', to: '', theme: [], year: [], issuer: [], page: 1, doc: ''
    });
  }

  // ---------------------------------------------------------------------------
  // API access
  // ---------------------------------------------------------------------------
  function ApiError(status, code, message, param) {
    this.name = 'ApiError';
    this.status = status;
    this.code = code || '';
    this.message = message || '';
    this.param = param || '';
  }
  ApiError.prototype = Object.create(Error.prototype);
  ApiError.prototype.constructor = ApiError;

  function isAbort(err) {
    return !!err && err.name === 'AbortError';
  }

  /** fetch + JSON parse; throws ApiError (status 0 = network) or AbortError. */
  function fetchJSON(url, signal) {
    return fetch(url, {
      signal: signal,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    }).then(function (res) {
      return res.text().then(function (text) {
        var body = null;
        if (text) {
          try {
            body = JSON.parse(text);
          } catch (e) {
            body = null;
          }
        }
        if (!res.ok) {
          var err = body && typeof body === 'object' && body.error && typeof body.error === 'object' ? body.error : {};
          throw new ApiError(res.status, err.code,
            typeof err.message === 'string' ? err.message : '', err.param);
        }
        if (!body || typeof body !== 'object') {
          throw new ApiError(res.status, 'bad_response', '');
        }
        return body;
      });
    }, function (err) {
      if (isAbort(err)) {
        throw err;
      }
      throw new ApiError(0, 'network', '');
    }).catch(function (err) {
      if (isAbort(err) || err instanceof ApiError) {
        throw err;
      }
      // e.g. body stream failure
      throw new ApiError(0, 'network', '');
    });
  }

  function errorText(err) {
    if (!(err instanceof ApiError)) {
      return t('serverError');
    }
    if (err.status === 0) {
      return t('networkError');
    }
    if (err.status >= 500 || err.code === 'bad_response') {
      return t('serverError');
    }
    if (err.message) {
      return err.message;
    }
    if (err.status === 404) {
      return t('docNotFound');
    }
    return t('requestFailed', { status: err.status });
  }

  function SimpleCache(limit) {
    this.limit = limit;
    this.map = new Map();
  }
  SimpleCache.prototype.get = function (k) {
    if (!this.map.has(k)) { return undefined; }
    var v = this.map.get(k);
    this.map.delete(k);
    this.map.set(k, v);
    return v;
  };
  SimpleCache.prototype.set = function (k, v) {
    this.map.delete(k);
    this.map.set(k, v);
    while (this.map.size > this.limit) {
      this.map.delete(this.map.keys().next().value);
    }
  };

  var searchCache = new SimpleCache(CACHE_LIMIT);
  var docCache = new SimpleCache(CACHE_LIMIT);
  var relatedCache = new SimpleCache(CACHE_LIMIT);

  // ---------------------------------------------------------------------------
  // Loading indicator and error area
  // ---------------------------------------------------------------------------
  var loadingJobs = Object.create(null);
  var loadingTimer = null;

  function setLoading(job, on) {
    if (on) {
      loadingJobs[job] = true;
    } else {
      delete loadingJobs[job];
    }
    var busy = Object.keys(loadingJobs).length > 0;
    document.body.classList.toggle('is-busy', busy);
    dom.results.setAttribute('aria-busy', busy ? 'true' : 'false');
    if (busy) {
      if (loadingTimer === null && dom.loading.hidden) {
        loadingTimer = window.setTimeout(function () {
          loadingTimer = null;
          if (Object.keys(loadingJobs).length > 0) {
            show(dom.loading, true);
          }
        }, LOADING_DELAY);
      }
    } else {
      if (loadingTimer !== null) {
        window.clearTimeout(loadingTimer);
        loadingTimer = null;
      }
      show(dom.loading, false);
    }
  }

  var lastError = null; // { err, retry }

  function showError(err, retry) {
    lastError = { err: err, retry: retry };
    renderError();
  }

  function renderError() {
    clear(dom.error);
    if (!lastError) {
      show(dom.error, false);
      return;
    }
    dom.error.appendChild(el('span', 'error-text', errorText(lastError.err)));
    var st = lastError.err && lastError.err.status;
    if (lastError.retry && (st === 0 || st >= 500 || st === undefined)) {
      var btn = el('button', 'btn btn-small error-retry', t('retry'));
      btn.type = 'button';
      var retry = lastError.retry;
      btn.addEventListener('click', function () {
        clearError();
        retry();
      });
      dom.error.appendChild(btn);
    }
    show(dom.error, true);
  }

  function clearError() {
    lastError = null;
    clear(dom.error);
    show(dom.error, false);
  }

  // ---------------------------------------------------------------------------
  // Query-term highlighting (document view, suggestions)
  // ---------------------------------------------------------------------------
  var OPERATORS = { AND: true, OR: true, NOT: true, '&&': true, '||': true };

  function queryTerms(q) {
    if (!q) {
      return [];
    }
    var out = [];
    q.split(/\s+/).forEach(function (raw) {
      if (!raw || OPERATORS[raw]) {
        return;
      }
      var w = raw.replace(/^[+\-!]+/, '');
      w = w.replace(/^[A-Za-z_]+:(?=.)/, '');            // field:term
      w = w.replace(/[~^][\d.]*$/, '');                   // fuzzy / boost suffix
      w = w.replace(/["“”‘’'()（）\[\]{}*?\\《》]/g, '');   // quotes, groups, wildcards
      w = w.trim();
      if (!w || OPERATORS[w]) {
        return;
      }
      if (/^[\x00-\x7f]$/.test(w)) {
        return; // single ASCII character: too noisy to highlight
      }
      out.push(w);
    });
    return out;
  }

  function escapeRegExp(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  function termsRegExp(terms) {
    var list = uniq(terms.filter(Boolean).map(function (x) { return x.toLowerCase(); }));
    if (!list.length) {
      return null;
    }
    list.sort(function (a, b) { return b.length - a.length; });
    return new RegExp(list.map(escapeRegExp).join('|'), 'gi');
  }

  /** Append `text` to `parent`, wrapping matches of `re` in <mark>. Returns the number of matches. */
  function appendHighlighted(parent, text, re) {
    if (!re) {
      parent.appendChild(document.createTextNode(text));
      return 0;
    }
    var last = 0;
    var count = 0;
    var m;
    re.lastIndex = 0;
    while ((m = re.exec(text)) !== null) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      if (m.index > last) {
        parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      }
      parent.appendChild(el('mark', null, m[0]));
      count++;
      last = m.index + m[0].length;
    }
    if (last < text.length) {
      parent.appendChild(document.createTextNode(text.slice(last)));
    }
    return count;
  }

  /** Words the server marked in a hit's title/snippets (parsed inertly via <template>). */
  function markedWords(hit) {
    var words = [];
    if (!hit) {
      return words;
    }
    var parts = [];
    if (typeof hit.title_html === 'string') { parts.push(hit.title_html); }
    if (Array.isArray(hit.snippets)) {
      hit.snippets.forEach(function (s) { if (typeof s === 'string') { parts.push(s); } });
    }
    var tpl = document.createElement('template');
    tpl.innerHTML = parts.join(' ');
    var marks = tpl.content.querySelectorAll('mark');
    for (var i = 0; i < marks.length; i++) {
      var w = (marks[i].textContent || '').trim();
      if (w && !/^[\x00-\x7f]$/.test(w) && w.length <= 50) {
        words.push(w);
      }
    }
    return words;
  }

  // ---------------------------------------------------------------------------
  // Router
  // ---------------------------------------------------------------------------
  var current = stateFromSearch(window.location.search);
  var pendingScroll = null;      // number: restore scrollY after render (popstate)
  var pendingFocus = null;       // 'total' | 'doc' | null
  var hitIndex = Object.create(null); // id -> hit (from displayed results), for marked words

  if ('scrollRestoration' in history) {
    history.scrollRestoration = 'manual';
  }

  function currentUrl() {
    return window.location.pathname + window.location.search;
  }

  function saveScroll() {
    var st = history.state && typeof history.state === 'object' ? history.state : {};
    var copy = {};
    Object.keys(st).forEach(function (k) { copy[k] = st[k]; });
    copy.scrollY = window.scrollY;
    try {
      history.replaceState(copy, '', currentUrl());
    } catch (e) {
      // ignore (e.g. state too large)
    }
  }

  /** Go to a new state (pushState) and render it. */
  function navigate(s, opts) {
    opts = opts || {};
    var url = urlFor(s);
    var from = currentUrl();
    if (scrollSaveTimer !== null) { window.clearTimeout(scrollSaveTimer); scrollSaveTimer = null; }
    saveScroll();
    if (url === from || opts.replace) {
      history.replaceState({ backUrl: history.state && history.state.backUrl }, '', url);
    } else {
      history.pushState({ backUrl: from }, '', url);
    }
    current = s;
    pendingScroll = null;
    render({ force: !!opts.force });
  }

  // Remember the scroll position of the current entry (for back/forward).
  var scrollSaveTimer = null;
  window.addEventListener('scroll', function () {
    if (scrollSaveTimer !== null) { window.clearTimeout(scrollSaveTimer); }
    scrollSaveTimer = window.setTimeout(function () {
      scrollSaveTimer = null;
      saveScroll();
    }, 250);
  }, { passive: true });

  window.addEventListener('popstate', function (e) {
    if (scrollSaveTimer !== null) { window.clearTimeout(scrollSaveTimer); scrollSaveTimer = null; }
    current = stateFromSearch(window.location.search);
    pendingScroll = e.state && typeof e.state.scrollY === 'number' ? e.state.scrollY : 0;
    pendingFocus = null;
    closeSuggestions();
    render({});
  });

  function applyScroll(defaultAction) {
    if (pendingScroll !== null) {
      var y = pendingScroll;
      pendingScroll = null;
      window.scrollTo(0, y);
    } else if (defaultAction) {
      defaultAction();
    }
  }

  function render(opts) {
    syncForm(current);
    if (current.doc) {
      abortSearch();
      show(dom.searchView, false);
      show(dom.docView, true);
      loadDoc(current);
    } else {
      abortDoc();
      show(dom.docView, false);
      show(dom.searchView, true);
      if (hasSearch(current)) {
        runSearch(current, !!(opts && opts.force));
      } else {
        abortSearch();
        renderWelcome();
      }
    }
  }

  function rerenderForLanguage() {
    applyStaticI18n();
    syncTypeOptions(current.type);
    renderError();
    if (current.doc) {
      var doc = docCache.get(current.doc);
      if (doc) {
        renderDoc(doc, current, true);
        var rel = relatedCache.get(current.doc);
        if (rel) { renderRelated(rel, current); }
      }
    } else if (!hasSearch(current)) {
      renderWelcome();
    } else {
      var data = searchCache.get(stateParams(current, true).toString());
      if (data) {
        renderResults(current, data, true);
      }
    }
  }

  // ---------------------------------------------------------------------------
  // Form
  // ---------------------------------------------------------------------------
  function syncTypeOptions(type) {
    // Keep an option for an unknown type coming from the URL.
    var opts = dom.type.querySelectorAll('option[data-dynamic]');
    for (var i = 0; i < opts.length; i++) {
      if (opts[i].value !== type) {
        opts[i].remove();
      }
    }
    if (type && KNOWN_TYPES.indexOf(type) === -1 && !dom.type.querySelector('option[data-dynamic]')) {
      var o = el('option', null, type);
      o.value = type;
      o.setAttribute('data-dynamic', '');
      dom.type.appendChild(o);
    }
  }

  function syncForm(s) {
    if (dom.q.value.trim() !== s.q) {
      dom.q.value = s.q;
    }
    // Searching within the results needs results to search within.
    dom.withinLabel.hidden = !s.q;
    dom.within.checked = false;
    dom.sort.value = s.sort;
    dom.lang.value = s.lang;
    syncTypeOptions(s.type);
    dom.type.value = s.type;
    dom.from.value = s.from;
    dom.to.value = s.to;
  }

  /**
   * The query for a search within the current results (二次检索): the current query, and every
   * newly typed word as a required term (+word), so only releases that also have them remain.
   * The user may type just the new words, or add them after the current query.
   */
  function withinQuery(typed) {
    var base = current.q || '';
    var added = typed;
    if (base && typed.indexOf(base) === 0) {
      added = typed.slice(base.length);
    }
    var words = added.trim().split(/\s+/).filter(function (w) { return w.length > 0; });
    if (!base || !words.length) { return typed; }
    return base + ' ' + words.map(function (w) {
      return w.charAt(0) === '+' || w.charAt(0) === '-' ? w : '+' + w;
    }).join(' ');
  }

  function stateFromForm() {
    var typed = dom.q.value.trim();
    var s = cloneState(current, {
      q: dom.within.checked && !dom.withinLabel.hidden ? withinQuery(typed) : typed,
      sort: dom.sort.value === 'date' ? 'date' : 'relevance',
      lang: dom.lang.value,
      type: dom.type.value,
      from: DATE_RE.test(dom.from.value) ? dom.from.value : '',
      to: DATE_RE.test(dom.to.value) ? dom.to.value : '',
      page: 1,
      doc: ''
    });
    return s;
  }

  function submitSearch() {
    cancelSuggest();
    closeSuggestions();
    var s = stateFromForm();
    // Re-submitting the very same search refreshes it.
    navigate(s, { force: urlFor(s) === currentUrl() });
  }

  dom.form.addEventListener('submit', function (e) {
    e.preventDefault();
    submitSearch();
  });

  [dom.sort, dom.lang, dom.type, dom.from, dom.to].forEach(function (input) {
    input.addEventListener('change', function () {
      if (input === dom.from || input === dom.to) {
        // Ignore partially typed dates.
        if (input.value !== '' && !DATE_RE.test(input.value)) {
          return;
        }
      }
      var s = stateFromForm();
      if (hasSearch(s) || hasSearch(current)) {
        navigate(s);
      }
    });
  });

  // ---------------------------------------------------------------------------
  // Search
  // ---------------------------------------------------------------------------
  var searchCtrl = null;
  var searchSeq = 0;

  function abortSearch() {
    searchSeq++;
    if (searchCtrl) {
      searchCtrl.abort();
      searchCtrl = null;
    }
    setLoading('search', false);
  }

  function runSearch(s, force) {
    var qs = stateParams(s, true).toString();
    var cached = force ? undefined : searchCache.get(qs);
    abortSearch();
    if (cached) {
      clearError();
      renderResults(s, cached, false);
      return;
    }
    var seq = searchSeq;
    var ctrl = new AbortController();
    searchCtrl = ctrl;
    setLoading('search', true);
    fetchJSON('api/search?' + qs, ctrl.signal).then(function (data) {
      if (seq !== searchSeq) {
        return;
      }
      searchCache.set(qs, data);
      clearError();
      renderResults(s, data, false);
    }).catch(function (err) {
      if (isAbort(err) || seq !== searchSeq) {
        return;
      }
      showError(err, function () { runSearch(s, true); });
      renderFailedSearch(s);
    }).then(function () {
      if (seq === searchSeq) {
        searchCtrl = null;
        setLoading('search', false);
      }
    });
  }

  function renderWelcome() {
    clearError();
    show(dom.welcome, true);
    show(dom.noResults, false);
    show(dom.facetsPanel, false);
    dom.searchView.classList.add('no-facets');
    clear(dom.results);
    clear(dom.pagination);
    dom.total.textContent = '';
    renderChips(current);
    document.title = t('siteTitle');
    applyScroll(null);
  }

  function renderFailedSearch(s) {
    show(dom.welcome, false);
    show(dom.facetsPanel, false);
    dom.searchView.classList.add('no-facets');
    show(dom.noResults, false);
    clear(dom.results);
    clear(dom.pagination);
    dom.total.textContent = '';
    renderChips(s);
    applyScroll(null);
  }

  var themeLabels = Object.create(null);

  function rememberThemeLabels(facets) {
    if (!facets || !Array.isArray(facets.theme)) {
      return;
    }
    facets.theme.forEach(function (f) {
      if (f && f.value != null && isNonEmptyString(f.label)) {
        themeLabels[String(f.value)] = { zh: f.label, en: isNonEmptyString(f.label_en) ? f.label_en : f.label };
      }
    });
  }

  function themeLabel(value) {
    var labels = themeLabels[value];
    if (!labels) { return String(value); }
    return uiLang === 'en' ? labels.en : labels.zh;
  }

  function renderResults(s, data, languageOnly) {
    show(dom.welcome, false);
    var hits = Array.isArray(data.hits) ? data.hits.filter(function (h) { return h && typeof h === 'object'; }) : [];
    var total = typeof data.total === 'number' && data.total >= 0 ? data.total : hits.length;
    var size = typeof data.size === 'number' && data.size > 0 ? data.size : s.size;
    var page = typeof data.page === 'number' && data.page > 0 ? data.page : s.page;

    rememberThemeLabels(data.facets);
    renderFacets(s, data.facets);
    renderChips(s);

    // Total + time
    var params = { n: formatNumber(total), ms: typeof data.took_ms === 'number' ? formatNumber(data.took_ms) : '' };
    // Very broad searches on a large index count from a sample: say "about".
    var key = data.counts_estimated === true ? 'totalEstimated' : 'total';
    var totalText = typeof data.took_ms === 'number' ? tn(key, total, params) : tn(key + 'NoTime', total, params);
    dom.total.textContent = totalText;
    renderExpansions(s, data.expansions);

    // Hits
    clear(dom.results);
    hitIndex = Object.create(null);
    hits.forEach(function (hit, i) {
      if (hit.id != null) {
        hitIndex[String(hit.id)] = hit;
      }
      dom.results.appendChild(renderHit(hit, s, (page - 1) * size + i + 1));
    });
    dom.results.setAttribute('start', String((page - 1) * size + 1));

    renderNoResults(s, total, hits.length);
    renderPagination(s, total, size, page, hits.length);

    document.title = (s.q ? s.q + ' - ' : '') + t('docTitleSuffix');

    if (!languageOnly) {
      applyScroll(function () {
        if (pendingFocus === 'total') {
          dom.total.focus({ preventScroll: true });
          var top = dom.total.getBoundingClientRect().top + window.scrollY - 16;
          if (window.scrollY > top) {
            window.scrollTo(0, Math.max(0, top));
          }
        } else {
          window.scrollTo(0, 0);
        }
      });
      pendingFocus = null;
    }
  }

  var EXPANSION_KINDS = { equivalent: 'expansionEquivalent', paraphrase: 'expansionParaphrase', translation: 'expansionTranslation' };

  /**
   * What else the query was searched for (the lexicon's equivalents, other wordings, the other
   * language): one line under the total, each form a link that searches for it alone.
   */
  function renderExpansions(s, expansions) {
    clear(dom.expansions);
    var list = Array.isArray(expansions) ? expansions.filter(function (e) {
      return e && isNonEmptyString(e.term) && Array.isArray(e.forms) && e.forms.some(isNonEmptyString);
    }) : [];
    show(dom.expansions, list.length > 0);
    if (!list.length) {
      return;
    }
    dom.expansions.appendChild(el('span', 'expansions-label', t('alsoSearched')));
    list.forEach(function (e, i) {
      if (i > 0) {
        dom.expansions.appendChild(document.createTextNode(t('expansionSeparator')));
      }
      var item = el('span', 'expansion');
      item.setAttribute('data-kind', String(e.kind));
      if (EXPANSION_KINDS[e.kind]) {
        item.title = t(EXPANSION_KINDS[e.kind]);
      }
      var term = el('span', 'expansion-term', e.term);
      term.lang = /[\u3400-\u9fff]/.test(e.term) ? 'zh' : 'en';
      item.appendChild(term);
      item.appendChild(document.createTextNode(' → '));
      e.forms.filter(isNonEmptyString).forEach(function (form, j) {
        if (j > 0) {
          item.appendChild(document.createTextNode(t('formSeparator')));
        }
        var a = navLink(cloneState(s, { q: form, page: 1 }), form, 'expansion-form');
        a.lang = /[\u3400-\u9fff]/.test(form) ? 'zh' : 'en';
        item.appendChild(a);
      });
      dom.expansions.appendChild(item);
    });
  }

  function metaItem(className, label, value, valueLang) {
    var span = el('span', 'meta-item ' + className);
    span.appendChild(el('span', 'visually-hidden', label + ': '));
    var v = el('span', 'meta-value', value);
    if (valueLang) { v.lang = valueLang; }
    span.appendChild(v);
    return span;
  }

  function typeBadge(type) {
    var b = el('span', 'badge badge-type', typeLabel(type));
    b.setAttribute('data-type', String(type));
    return b;
  }

  function langBadge(lang) {
    var b = el('span', 'badge badge-lang', langTag(lang));
    b.title = langName(lang);
    b.setAttribute('aria-label', langName(lang));
    return b;
  }

  function themeBadges(themes) {
    var ul = el('ul', 'themes');
    ul.setAttribute('aria-label', t('hitThemes'));
    themes.forEach(function (th) {
      if (th == null || th === '') { return; }
      var li = el('li', 'badge badge-theme', themeLabel(String(th)));
      li.setAttribute('data-theme', String(th));
      ul.appendChild(li);
    });
    return ul;
  }

  function otherLangText(lang) {
    if (lang === 'zh') { return t('viewEnglish'); }
    if (lang === 'en') { return t('viewChinese'); }
    return t('viewOther');
  }

  function titleLink(hit, s) {
    var a = navLink(cloneState(s, { doc: String(hit.id) }), null, null);
    if (isNonEmptyString(hit.title_html)) {
      a.innerHTML = hit.title_html; // server-escaped, <mark> only
    } else {
      a.textContent = isNonEmptyString(hit.title) ? hit.title : t('untitled');
    }
    var hl = htmlLangOf(hit.lang);
    if (hl) { a.lang = hl; }
    return a;
  }

  function renderHit(hit, s) {
    var li = el('li', 'hit');
    if (hit.id != null) { li.setAttribute('data-id', String(hit.id)); }
    if (hit.lang) { li.setAttribute('data-lang', String(hit.lang)); }

    var h = el('h3', 'hit-title');
    if (hit.id != null) {
      h.appendChild(titleLink(hit, s));
    } else {
      h.textContent = isNonEmptyString(hit.title) ? hit.title : t('untitled');
    }
    li.appendChild(h);

    var meta = el('div', 'hit-meta');
    if (hit.lang) { meta.appendChild(langBadge(hit.lang)); }
    if (hit.type) { meta.appendChild(typeBadge(hit.type)); }
    if (isNonEmptyString(hit.date)) {
      var time = el('time', 'meta-item hit-date', hit.date);
      time.dateTime = hit.date;
      meta.appendChild(time);
    }
    var hl = htmlLangOf(hit.lang);
    if (isNonEmptyString(hit.issuer)) { meta.appendChild(metaItem('hit-issuer', t('hitIssuer'), hit.issuer, hl)); }
    if (isNonEmptyString(hit.doc_number)) { meta.appendChild(metaItem('hit-docnum', t('hitDocNumber'), hit.doc_number, hl)); }
    if (isNonEmptyString(hit.translation_of)) {
      // Listed as the other-language version of a better match, not as a match of its own.
      meta.appendChild(el('span', 'badge badge-translation', t('hitTranslationOf')));
    }
    if (hit.placement === 'other-language') {
      // Moved up to second place as the best match in the other language.
      meta.appendChild(el('span', 'badge badge-translation badge-other-language', t('hitOtherLanguage')));
    }
    li.appendChild(meta);

    if (Array.isArray(hit.snippets)) {
      hit.snippets.forEach(function (sn) {
        if (!isNonEmptyString(sn)) { return; }
        var p = el('p', 'snippet');
        p.innerHTML = sn; // server-escaped, <mark> only
        if (hl) { p.lang = hl; }
        li.appendChild(p);
      });
    }

    var foot = el('div', 'hit-foot');
    if (Array.isArray(hit.themes) && hit.themes.length) {
      foot.appendChild(themeBadges(hit.themes));
    }
    if (hit.pair_id != null && hit.pair_id !== '') {
      var other = navLink(cloneState(s, { doc: String(hit.pair_id) }), otherLangText(hit.lang), 'hit-other-lang');
      foot.appendChild(other);
    }
    if (foot.firstChild) {
      li.appendChild(foot);
    }
    return li;
  }

  function renderNoResults(s, total, shown) {
    clear(dom.noResults);
    if (shown > 0) {
      show(dom.noResults, false);
      return;
    }
    if (total > 0) {
      // Page beyond the last one.
      dom.noResults.appendChild(el('p', 'no-results-title', t('pageBeyond')));
      var p = el('p');
      p.appendChild(navLink(cloneState(s, { page: 1 }), t('pageBeyondLink'), 'btn btn-secondary'));
      dom.noResults.appendChild(p);
      show(dom.noResults, true);
      return;
    }
    dom.noResults.appendChild(el('p', 'no-results-title',
      s.q ? t('noResultsTitle', { q: s.q }) : t('noResultsTitleNoQ')));
    dom.noResults.appendChild(el('p', 'no-results-tips', t('noResultsTips')));
    var ul = el('ul', 'no-results-actions');
    if (hasFilters(s) && s.q) {
      var li1 = el('li');
      li1.appendChild(navLink(withoutFilters(s), t('tryFewerFilters'), 'no-results-clear'));
      ul.appendChild(li1);
    }
    var li2 = el('li');
    if (s.lang === 'zh') {
      li2.appendChild(navLink(cloneState(s, { lang: 'en', page: 1 }), t('tryOtherLangEn'), 'no-results-lang'));
      ul.appendChild(li2);
    } else if (s.lang === 'en') {
      li2.appendChild(navLink(cloneState(s, { lang: 'zh', page: 1 }), t('tryOtherLangZh'), 'no-results-lang'));
      ul.appendChild(li2);
    } else {
      li2.textContent = t('otherLangHintAll');
      ul.appendChild(li2);
    }
    dom.noResults.appendChild(ul);
    show(dom.noResults, true);
  }

  function renderPagination(s, total, size, page, shown) {
    clear(dom.pagination);
    var maxPage = Math.max(1, Math.ceil(total / size));
    if (maxPage <= 1 || total === 0) {
      return;
    }
    var list = el('ul', 'page-list');

    function item(node) {
      var li = el('li');
      li.appendChild(node);
      list.appendChild(li);
    }

    function pageLink(n, text, className) {
      var a = navLink(cloneState(s, { page: n }), text, className);
      a.setAttribute('data-page', String(n));
      return a;
    }

    if (page > 1) {
      var prev = pageLink(Math.min(page - 1, maxPage), t('prevPage'), 'page-prev');
      prev.rel = 'prev';
      item(prev);
    } else {
      var pd = el('span', 'page-prev disabled', t('prevPage'));
      pd.setAttribute('aria-disabled', 'true');
      item(pd);
    }

    var start = Math.max(1, page - PAGE_WINDOW);
    var end = Math.min(maxPage, page + PAGE_WINDOW);
    // Keep the window the same width near the edges.
    if (end - start < PAGE_WINDOW * 2) {
      if (start === 1) {
        end = Math.min(maxPage, start + PAGE_WINDOW * 2);
      } else if (end === maxPage) {
        start = Math.max(1, end - PAGE_WINDOW * 2);
      }
    }
    if (start > 1) {
      item(pageLink(1, formatNumber(1), 'page-num'));
      if (start > 2) { item(el('span', 'page-gap', '…')); }
    }
    for (var n = start; n <= end; n++) {
      if (n === page && shown > 0) {
        var cur = el('span', 'page-num current', formatNumber(n));
        cur.setAttribute('aria-current', 'page');
        item(cur);
      } else {
        var a = pageLink(n, formatNumber(n), 'page-num');
        a.setAttribute('aria-label', t('pageN', { n: n }));
        item(a);
      }
    }
    if (end < maxPage) {
      if (end < maxPage - 1) { item(el('span', 'page-gap', '…')); }
      item(pageLink(maxPage, formatNumber(maxPage), 'page-num'));
    }

    if (page < maxPage) {
      var next = pageLink(page + 1, t('nextPage'), 'page-next');
      next.rel = 'next';
      item(next);
    } else {
      var nd = el('span', 'page-next disabled', t('nextPage'));
      nd.setAttribute('aria-disabled', 'true');
      item(nd);
    }
    dom.pagination.appendChild(list);
  }

  // ---------------------------------------------------------------------------
  // Facets and chips
  // ---------------------------------------------------------------------------
  var expandedFacets = Object.create(null);

  function facetIsSelected(s, key, value) {
    if (key === 'type' || key === 'lang') {
      return s[key] === value;
    }
    if (MULTI_FILTERS.indexOf(key) !== -1) {
      return s[key].indexOf(value) !== -1;
    }
    return false;
  }

  /** State after clicking a facet value: select it, or unselect it when already selected. */
  function toggleFacet(s, key, value) {
    var changes = { page: 1, doc: '' };
    if (key === 'type' || key === 'lang') {
      changes[key] = s[key] === value ? '' : value;
    } else {
      var list = s[key].slice();
      var idx = list.indexOf(value);
      if (idx === -1) { list.push(value); } else { list.splice(idx, 1); }
      changes[key] = list;
    }
    return cloneState(s, changes);
  }

  function facetValueLabel(key, f) {
    var value = String(f.value);
    if (key === 'type') { return typeLabel(value); }
    if (key === 'lang') { return langName(value); }
    if (key === 'theme') {
      if (uiLang === 'en' && isNonEmptyString(f.label_en)) { return f.label_en; }
      return isNonEmptyString(f.label) ? f.label : themeLabel(value);
    }
    return isNonEmptyString(f.label) ? f.label : value;
  }

  function renderFacets(s, facets) {
    clear(dom.facets);
    var any = false;
    if (facets && typeof facets === 'object') {
      FACET_ORDER.forEach(function (key) {
        var values = facets[key];
        if (!Array.isArray(values)) { return; }
        values = values.filter(function (f) {
          return f && f.value != null && f.value !== '' && (key === 'lang' || key === 'type' || MULTI_FILTERS.indexOf(key) !== -1);
        });
        if (!values.length) { return; }
        if (key === 'year') {
          values = values.slice().sort(function (a, b) { return Number(b.value) - Number(a.value); });
        }
        any = true;
        dom.facets.appendChild(renderFacetGroup(s, key, values));
      });
    }
    show(dom.facetsPanel, any);
    dom.searchView.classList.toggle('no-facets', !any);
  }

  function renderFacetGroup(s, key, values) {
    var section = el('section', 'facet');
    section.setAttribute('data-facet', key);
    var headingId = 'facet-heading-' + key;
    var h = el('h3', 'facet-title', t('facetNames.' + key));
    h.id = headingId;
    section.appendChild(h);
    var ul = el('ul', 'facet-values');
    ul.setAttribute('aria-labelledby', headingId);
    var hiddenCount = 0;
    var expanded = !!expandedFacets[key];
    values.forEach(function (f, i) {
      var value = String(f.value);
      var selected = facetIsSelected(s, key, value);
      var li = el('li');
      if (i >= FACET_VISIBLE && !selected) {
        li.className = 'facet-extra';
        li.hidden = !expanded;
        hiddenCount++;
      }
      var a = navLink(toggleFacet(s, key, value), null, 'facet-value' + (selected ? ' selected' : ''));
      a.setAttribute('data-value', value);
      if (selected) { a.setAttribute('aria-current', 'true'); }
      var label = el('span', 'facet-label', facetValueLabel(key, f));
      if (key === 'issuer') {
        // issuer names are mostly Chinese
        if (/[\u4e00-\u9fff]/.test(label.textContent)) { label.lang = 'zh-CN'; }
      }
      a.appendChild(label);
      if (selected) { a.appendChild(el('span', 'visually-hidden', t('facetSelected'))); }
      if (typeof f.count === 'number') {
        a.appendChild(el('span', 'facet-count', formatNumber(f.count)));
      }
      li.appendChild(a);
      ul.appendChild(li);
    });
    section.appendChild(ul);
    if (hiddenCount > 0) {
      var btn = el('button', 'facet-more btn-link', expanded ? t('facetLess') : t('facetMore', { n: hiddenCount }));
      btn.type = 'button';
      btn.setAttribute('aria-expanded', expanded ? 'true' : 'false');
      btn.addEventListener('click', function () {
        var nowExpanded = !expandedFacets[key];
        expandedFacets[key] = nowExpanded;
        var extras = ul.querySelectorAll('.facet-extra');
        for (var i = 0; i < extras.length; i++) { extras[i].hidden = !nowExpanded; }
        btn.textContent = nowExpanded ? t('facetLess') : t('facetMore', { n: hiddenCount });
        btn.setAttribute('aria-expanded', nowExpanded ? 'true' : 'false');
      });
      section.appendChild(btn);
    }
    return section;
  }

  function renderChips(s) {
    clear(dom.chips);
    var chips = [];
    if (s.type) { chips.push({ label: t('facetNames.type') + '：' + typeLabel(s.type), changes: { type: '' }, param: 'type', value: s.type }); }
    if (s.lang) { chips.push({ label: t('facetNames.lang') + '：' + langName(s.lang), changes: { lang: '' }, param: 'lang', value: s.lang }); }
    if (s.from) { chips.push({ label: t('chipFrom') + '：' + s.from, changes: { from: '' }, param: 'from', value: s.from }); }
    if (s.to) { chips.push({ label: t('chipTo') + '：' + s.to, changes: { to: '' }, param: 'to', value: s.to }); }
    MULTI_FILTERS.forEach(function (key) {
      s[key].forEach(function (v) {
        var changes = {};
        changes[key] = s[key].filter(function (x) { return x !== v; });
        var label = key === 'theme' ? themeLabel(v) : v;
        chips.push({ label: t('facetNames.' + key) + '：' + label, changes: changes, param: key, value: v });
      });
    });
    if (uiLang === 'en') {
      chips.forEach(function (c) { c.label = c.label.replace('：', ': '); });
    }
    chips.forEach(function (c) {
      var b = el('button', 'chip');
      b.type = 'button';
      b.setAttribute('data-param', c.param);
      b.setAttribute('data-value', c.value);
      b.setAttribute('aria-label', t('chipRemove', { label: c.label }));
      b.appendChild(el('span', 'chip-label', c.label));
      var x = el('span', 'chip-x', '×');
      x.setAttribute('aria-hidden', 'true');
      b.appendChild(x);
      b.addEventListener('click', function () {
        pendingFocus = 'total';
        var changes = Object.assign({ page: 1, doc: '' }, c.changes);
        navigate(cloneState(current, changes));
      });
      dom.chips.appendChild(b);
    });
    if (chips.length >= 2) {
      var clearBtn = el('button', 'chip chip-clear btn-link', t('clearFilters'));
      clearBtn.type = 'button';
      clearBtn.addEventListener('click', function () {
        pendingFocus = 'total';
        navigate(withoutFilters(current));
      });
      dom.chips.appendChild(clearBtn);
    }
    show(dom.chips, chips.length > 0);
  }

  // ---------------------------------------------------------------------------
  // Document view
  // ---------------------------------------------------------------------------
  var docCtrl = null;
  var docSeq = 0;
  var relatedCtrl = null;
  var relatedAvailable = true;
  var docMarks = [];
  var docMarkIndex = -1;

  function abortDoc() {
    docSeq++;
    if (docCtrl) { docCtrl.abort(); docCtrl = null; }
    if (relatedCtrl) { relatedCtrl.abort(); relatedCtrl = null; }
    setLoading('doc', false);
  }

  function loadDoc(s) {
    abortDoc();
    var id = s.doc;
    var cached = docCache.get(id);
    if (cached) {
      clearError();
      renderDoc(cached, s, false);
      loadRelated(s);
      return;
    }
    var seq = docSeq;
    var ctrl = new AbortController();
    docCtrl = ctrl;
    renderDocPlaceholder(s);
    setLoading('doc', true);
    fetchJSON('api/documents/' + encodeURIComponent(id), ctrl.signal).then(function (doc) {
      if (seq !== docSeq) { return; }
      docCache.set(id, doc);
      clearError();
      renderDoc(doc, s, false);
      loadRelated(s);
    }).catch(function (err) {
      if (isAbort(err) || seq !== docSeq) { return; }
      if (err instanceof ApiError && err.status === 404) {
        showError(new ApiError(404, 'not_found', ''), null);
      } else {
        showError(err, function () { loadDoc(s); });
      }
      dom.docTitle.textContent = '';
      document.title = t('docTitleSuffix');
      applyScroll(function () { window.scrollTo(0, 0); });
    }).then(function () {
      if (seq === docSeq) {
        docCtrl = null;
        setLoading('doc', false);
      }
    });
  }

  function renderDocBackLink(s) {
    var back = cloneState(s, { doc: '' });
    dom.docBack.href = urlFor(back);
    dom.docBack.textContent = hasSearch(back) ? t('backToResults') : t('backToHome');
  }

  function renderDocPlaceholder(s) {
    renderDocBackLink(s);
    clear(dom.docBadges);
    dom.docTitle.textContent = '';
    dom.docTitle.removeAttribute('lang');
    show(dom.otherLang, false);
    clear(dom.docMetaBody);
    clear(dom.docBody);
    show(dom.docMatches, false);
    clear(dom.relatedList);
    show(dom.related, false);
  }

  function metaRow(label, valueNode) {
    var tr = el('tr');
    tr.appendChild(el('th', null, label)).scope = 'row';
    var td = el('td');
    td.appendChild(valueNode);
    tr.appendChild(td);
    dom.docMetaBody.appendChild(tr);
  }

  function textNode(v, lang) {
    var span = el('span', null, v);
    if (lang) { span.lang = lang; }
    return span;
  }

  function renderDoc(doc, s, languageOnly) {
    renderDocBackLink(s);
    var hl = htmlLangOf(doc.lang);

    // Highlight terms: the query words plus the words the server marked for this hit.
    var terms = queryTerms(s.q);
    var hit = hitIndex[s.doc] || hitIndex[String(doc.id)];
    if (hit) { terms = terms.concat(markedWords(hit)); }
    var re = termsRegExp(terms);

    // Badges
    clear(dom.docBadges);
    if (doc.lang) { dom.docBadges.appendChild(langBadge(doc.lang)); }
    if (doc.type) { dom.docBadges.appendChild(typeBadge(doc.type)); }

    // Title
    clear(dom.docTitle);
    var titleText = isNonEmptyString(doc.title) ? doc.title : t('untitled');
    var titleMarks = appendHighlighted(dom.docTitle, titleText, re);
    if (hl) { dom.docTitle.lang = hl; } else { dom.docTitle.removeAttribute('lang'); }

    // Other language version
    if (doc.pair_id != null && doc.pair_id !== '') {
      dom.otherLang.href = urlFor(cloneState(s, { doc: String(doc.pair_id) }));
      dom.otherLang.textContent = otherLangText(doc.lang);
      var otherHl = doc.lang === 'zh' ? 'en' : (doc.lang === 'en' ? 'zh-CN' : '');
      if (otherHl) { dom.otherLang.setAttribute('hreflang', otherHl); } else { dom.otherLang.removeAttribute('hreflang'); }
      show(dom.otherLang, true);
    } else {
      dom.otherLang.removeAttribute('href');
      show(dom.otherLang, false);
    }

    // Metadata
    clear(dom.docMetaBody);
    if (isNonEmptyString(doc.issuer)) { metaRow(t('metaIssuer'), textNode(doc.issuer, hl)); }
    if (isNonEmptyString(doc.doc_number)) { metaRow(t('metaDocNumber'), textNode(doc.doc_number, hl)); }
    if (isNonEmptyString(doc.date)) {
      var time = el('time', null, doc.date);
      time.dateTime = doc.date;
      metaRow(t('metaDate'), time);
    }
    if (doc.type) { metaRow(t('metaType'), textNode(typeLabel(doc.type))); }
    if (doc.lang) { metaRow(t('metaLang'), textNode(langName(doc.lang))); }
    if (Array.isArray(doc.themes) && doc.themes.length) {
      metaRow(t('metaThemes'), themeBadges(doc.themes));
    }
    var href = safeExternalUrl(doc.url);
    if (isNonEmptyString(doc.source) || href) {
      var sourceNode;
      if (href) {
        sourceNode = el('a', 'source-link', isNonEmptyString(doc.source) ? doc.source : t('openOriginal'));
        sourceNode.href = href;
        sourceNode.target = '_blank';
        sourceNode.rel = 'noopener noreferrer';
        if (isNonEmptyString(doc.source) && hl) { sourceNode.lang = hl; }
      } else {
        sourceNode = textNode(doc.source, hl);
      }
      metaRow(t('metaSource'), sourceNode);
    }

    // Body
    clear(dom.docBody);
    if (hl) { dom.docBody.lang = hl; } else { dom.docBody.removeAttribute('lang'); }
    var bodyMarks = 0;
    var body = typeof doc.body === 'string' ? doc.body : '';
    body.split(/\r?\n/).forEach(function (para) {
      var text = para.trim();
      if (!text) { return; }
      var p = el('p');
      bodyMarks += appendHighlighted(p, text, re);
      dom.docBody.appendChild(p);
    });

    docMarks = Array.prototype.slice.call(dom.docBody.querySelectorAll('mark'));
    docMarkIndex = -1;
    var totalMarks = bodyMarks + titleMarks;
    if (docMarks.length && s.q) {
      dom.docMatchesText.textContent = tn('docMatches', totalMarks, { n: formatNumber(totalMarks), q: s.q });
      show(dom.docMatches, true);
      dom.prevMatch.hidden = docMarks.length < 2;
      dom.nextMatch.hidden = docMarks.length < 2;
    } else {
      show(dom.docMatches, false);
    }

    document.title = titleText + ' - ' + t('docTitleSuffix');

    if (!languageOnly) {
      clear(dom.relatedList);
      show(dom.related, false);
      dom.docTitle.focus({ preventScroll: true });
      applyScroll(function () {
        if (docMarks.length) {
          goToMark(0);
        } else {
          window.scrollTo(0, 0);
        }
      });
    }
  }

  function goToMark(i) {
    if (!docMarks.length) { return; }
    if (docMarkIndex >= 0 && docMarks[docMarkIndex]) {
      docMarks[docMarkIndex].classList.remove('current');
    }
    docMarkIndex = (i + docMarks.length) % docMarks.length;
    var m = docMarks[docMarkIndex];
    m.classList.add('current');
    var reduce = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    m.scrollIntoView({ block: 'center', behavior: docMarkIndex === 0 || reduce ? 'auto' : 'smooth' });
  }

  dom.nextMatch.addEventListener('click', function () { goToMark(docMarkIndex + 1); });
  dom.prevMatch.addEventListener('click', function () { goToMark(docMarkIndex - 1); });

  function loadRelated(s) {
    if (!relatedAvailable) { return; }
    var id = s.doc;
    var cached = relatedCache.get(id);
    if (cached) {
      renderRelated(cached, s);
      return;
    }
    if (relatedCtrl) { relatedCtrl.abort(); }
    var ctrl = new AbortController();
    relatedCtrl = ctrl;
    var seq = docSeq;
    fetchJSON('api/documents/' + encodeURIComponent(id) + '/related', ctrl.signal).then(function (data) {
      if (seq !== docSeq || current.doc !== id) { return; }
      relatedCache.set(id, data);
      renderRelated(data, s);
    }).catch(function (err) {
      // The endpoint is optional: stay silent. A 404 for a document that
      // exists means the endpoint is not there; stop asking.
      if (!isAbort(err) && err instanceof ApiError && (err.status === 404 || err.status === 405 || err.status === 501)) {
        relatedAvailable = false;
      }
    }).then(function () {
      if (relatedCtrl === ctrl) { relatedCtrl = null; }
    });
  }

  function renderRelated(data, s) {
    clear(dom.relatedList);
    var hits = data && Array.isArray(data.hits) ? data.hits.filter(function (h) {
      return h && h.id != null && String(h.id) !== s.doc;
    }) : [];
    hits.slice(0, 10).forEach(function (hit) {
      var li = el('li', 'related-item');
      li.setAttribute('data-id', String(hit.id));
      var title = el('div', 'related-title');
      title.appendChild(titleLink(hit, s));
      li.appendChild(title);
      var meta = el('div', 'hit-meta');
      if (hit.lang) { meta.appendChild(langBadge(hit.lang)); }
      if (hit.type) { meta.appendChild(typeBadge(hit.type)); }
      if (isNonEmptyString(hit.date)) {
        var time = el('time', 'meta-item', hit.date);
        time.dateTime = hit.date;
        meta.appendChild(time);
      }
      if (isNonEmptyString(hit.issuer)) { meta.appendChild(metaItem('hit-issuer', t('hitIssuer'), hit.issuer, htmlLangOf(hit.lang))); }
      li.appendChild(meta);
      dom.relatedList.appendChild(li);
    });
    show(dom.related, hits.length > 0);
  }

  // ---------------------------------------------------------------------------
  // Suggestions (combobox)
  // ---------------------------------------------------------------------------
  var suggestAvailable = true;
  var suggestTimer = null;
  var suggestCtrl = null;
  var suggestItems = [];
  var activeSuggestion = -1;

  function cancelSuggest() {
    if (suggestTimer !== null) {
      window.clearTimeout(suggestTimer);
      suggestTimer = null;
    }
    if (suggestCtrl) {
      suggestCtrl.abort();
      suggestCtrl = null;
    }
  }

  function suggestionsOpen() {
    return !dom.suggestions.hidden;
  }

  function closeSuggestions() {
    suggestItems = [];
    activeSuggestion = -1;
    clear(dom.suggestions);
    show(dom.suggestions, false);
    dom.q.setAttribute('aria-expanded', 'false');
    dom.q.removeAttribute('aria-activedescendant');
  }

  function fetchSuggestions(value) {
    if (suggestCtrl) { suggestCtrl.abort(); }
    var ctrl = new AbortController();
    suggestCtrl = ctrl;
    fetchJSON('api/suggest?q=' + encodeURIComponent(value), ctrl.signal).then(function (data) {
      if (suggestCtrl !== ctrl) { return; }
      if (dom.q.value.trim() !== value || document.activeElement !== dom.q) { return; }
      var items = Array.isArray(data.suggestions) ? data.suggestions.filter(function (x) {
        return x && isNonEmptyString(x.text);
      }).slice(0, 10) : [];
      renderSuggestions(items, value);
    }).catch(function (err) {
      if (isAbort(err)) { return; }
      if (err instanceof ApiError && (err.status === 404 || err.status === 405 || err.status === 501)) {
        suggestAvailable = false; // endpoint not there (yet): stay silent
      }
      if (suggestCtrl === ctrl) { closeSuggestions(); }
    }).then(function () {
      if (suggestCtrl === ctrl) { suggestCtrl = null; }
    });
  }

  function renderSuggestions(items, value) {
    clear(dom.suggestions);
    suggestItems = items;
    activeSuggestion = -1;
    if (!items.length) {
      closeSuggestions();
      return;
    }
    var re = termsRegExp(queryTerms(value).concat([value]));
    items.forEach(function (item, i) {
      var li = el('li', 'suggestion');
      li.id = 'suggestion-' + i;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      var kind = item.kind === 'title' ? 'title' : 'term';
      li.setAttribute('data-kind', kind);
      if (item.id != null) { li.setAttribute('data-id', String(item.id)); }
      var text = el('span', 'suggestion-text');
      appendHighlighted(text, item.text, re);
      li.appendChild(text);
      li.appendChild(el('span', 'suggestion-kind', kind === 'title' ? t('suggestTitle') : t('suggestTerm')));
      li.addEventListener('mousedown', function (e) {
        e.preventDefault(); // keep focus in the input
      });
      li.addEventListener('click', function () {
        pickSuggestion(i);
      });
      li.addEventListener('mousemove', function () {
        if (activeSuggestion !== i) { setActiveSuggestion(i, false); }
      });
      dom.suggestions.appendChild(li);
    });
    show(dom.suggestions, true);
    dom.q.setAttribute('aria-expanded', 'true');
  }

  function setActiveSuggestion(i, scroll) {
    var lis = dom.suggestions.querySelectorAll('li.suggestion');
    for (var k = 0; k < lis.length; k++) {
      var on = k === i;
      lis[k].setAttribute('aria-selected', on ? 'true' : 'false');
      lis[k].classList.toggle('active', on);
    }
    activeSuggestion = i;
    if (i >= 0 && lis[i]) {
      dom.q.setAttribute('aria-activedescendant', lis[i].id);
      if (scroll) { lis[i].scrollIntoView({ block: 'nearest' }); }
    } else {
      dom.q.removeAttribute('aria-activedescendant');
    }
  }

  function pickSuggestion(i) {
    var item = suggestItems[i];
    if (!item) { return; }
    cancelSuggest();
    closeSuggestions();
    if (item.kind === 'title' && item.id != null && item.id !== '') {
      // Open the document; keep the current search as the way back.
      dom.q.value = current.q;
      navigate(cloneState(current, { doc: String(item.id) }));
    } else {
      dom.q.value = item.text;
      submitSearch();
    }
  }

  dom.q.addEventListener('input', function () {
    cancelSuggest();
    var value = dom.q.value.trim();
    if (!value || !suggestAvailable) {
      closeSuggestions();
      return;
    }
    suggestTimer = window.setTimeout(function () {
      suggestTimer = null;
      fetchSuggestions(value);
    }, SUGGEST_DELAY);
  });

  dom.q.addEventListener('keydown', function (e) {
    if (e.isComposing || e.keyCode === 229) {
      return; // IME composition in progress (pinyin input)
    }
    var open = suggestionsOpen() && suggestItems.length > 0;
    switch (e.key) {
      case 'ArrowDown':
      case 'Down':
        if (open) {
          e.preventDefault();
          setActiveSuggestion(activeSuggestion + 1 >= suggestItems.length ? 0 : activeSuggestion + 1, true);
        }
        break;
      case 'ArrowUp':
      case 'Up':
        if (open) {
          e.preventDefault();
          setActiveSuggestion(activeSuggestion <= 0 ? suggestItems.length - 1 : activeSuggestion - 1, true);
        }
        break;
      case 'Enter':
        if (open && activeSuggestion >= 0) {
          e.preventDefault();
          pickSuggestion(activeSuggestion);
        }
        break;
      case 'Escape':
      case 'Esc':
        if (suggestionsOpen()) {
          e.preventDefault();
          cancelSuggest();
          closeSuggestions();
        }
        break;
      case 'Tab':
        cancelSuggest();
        closeSuggestions();
        break;
      default:
        break;
    }
  });

  dom.q.addEventListener('blur', function () {
    cancelSuggest();
    closeSuggestions();
  });

  // ---------------------------------------------------------------------------
  // Global handlers
  // ---------------------------------------------------------------------------
  // Internal links (a[data-nav]) are handled in-page with pushState.
  document.addEventListener('click', function (e) {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return;
    }
    var target = e.target instanceof Element ? e.target : null;
    var a = target && target.closest('a[data-nav]');
    if (!a || !a.hasAttribute('href')) {
      return;
    }
    var url;
    try {
      url = new URL(a.href, window.location.href);
    } catch (err) {
      return;
    }
    if (url.origin !== window.location.origin) {
      return;
    }
    e.preventDefault();
    var targetUrl = url.pathname + url.search;
    // "Back to results" returns through history when that is where we came from.
    if (a.hasAttribute('data-back') && history.state && history.state.backUrl === targetUrl) {
      history.back();
      return;
    }
    if (a.closest('#pagination') || a.closest('#facets') || a.closest('#no-results')) {
      pendingFocus = 'total';
    }
    cancelSuggest();
    closeSuggestions();
    navigate(stateFromSearch(url.search));
  });

  // "/" focuses the search box.
  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) {
      return;
    }
    var tgt = e.target;
    if (tgt instanceof Element) {
      var tag = tgt.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || tgt.isContentEditable) {
        return;
      }
    }
    e.preventDefault();
    dom.q.focus();
    dom.q.select();
  });

  dom.langToggle.addEventListener('click', function () {
    uiLang = uiLang === 'zh' ? 'en' : 'zh';
    try {
      window.localStorage.setItem(UI_LANG_KEY, uiLang);
    } catch (e) {
      // storage unavailable: the choice lasts for this page only
    }
    rerenderForLanguage();
  });

  // ---------------------------------------------------------------------------
  // Start
  // ---------------------------------------------------------------------------
  applyStaticI18n();
  if (!history.state || typeof history.state !== 'object') {
    try {
      history.replaceState({ backUrl: null }, '', currentUrl());
    } catch (e) {
      // ignore
    }
  }
  render({});
})();
