/* Site search over the Pagefind index that plugins/outputs/search builds into /pagefind/.
   Every page: the header's plain "Search" link becomes a small form (GET /search/?q=...).
   The search page (#search): live search with Pagefind's JS API, filters built from
   pagefind.filters(), results announced in a live region, ?q= and filters kept in the URL.
   No inline script, no pagefind-ui, no request to another host. */
(() => {
  "use strict";

  const FILTERS = [
    ["topic", "Topic", "Any topic"],
    ["author", "Author", "Any author"],
    ["year", "Year", "Any year"],
    ["section", "Section", "Any section"], // "Mailing list": thread pages of plugins/kinds/mailing_list
  ];
  const PAGE_SIZE = 10;
  const DEBOUNCE_MS = 80;
  const WIDE = "(min-width: 40em)"; // pages.css: from here the filters sit in one row

  const byId = (id) => document.getElementById(id);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  // On wide screens only (the header has room for a box there: site.css, the same 60em);
  // narrow ones keep the link, next to the menu.
  function enhanceHeaderBox() {
    const link = byId("search-link");
    const template = byId("search-box-template");
    const wide = window.matchMedia("(min-width: 60em)").matches;
    if (link && template && wide && !byId("search")) {
      link.replaceWith(template.content.cloneNode(true));
    }
  }

  // Pagefind's excerpt is the page's words with only < and > escaped and a <mark> around each
  // hit: `&#64;` or `&lt;b&gt;` written on a page would be decoded if it were parsed as HTML.
  // It is never parsed: its words are matched with the page's own text (data.content) and shown
  // as text, each hit in a <mark>. Without a match, its words are shown with &lt; and &gt; (the
  // only escapes Pagefind makes) turned back, still as text.
  const WORD_BREAK = /[\r\n\s]+/; // how Pagefind splits a page into words
  const MARK = /^<mark>(.*)<\/mark>$/;
  const escapeWord = (word) => word.replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const unescapeWord = (word) => word.replace(/&lt;/g, "<").replace(/&gt;/g, ">");

  function excerptWords(excerpt, content) {
    const shown = (excerpt || "").split(" ").filter(Boolean).map((word) => {
      const marked = MARK.exec(word);
      return { escaped: marked ? marked[1] : word, marked: Boolean(marked) };
    });
    const words = (content || "").split(WORD_BREAK).filter(Boolean);
    const matches = (start) => shown.every((word, i) => escapeWord(words[start + i]) === word.escaped);
    for (let start = 0; shown.length && start + shown.length <= words.length; start += 1) {
      if (matches(start)) return shown.map((word, i) => ({ text: words[start + i], marked: word.marked }));
    }
    return shown.map((word) => ({ text: unescapeWord(word.escaped), marked: word.marked }));
  }

  function appendExcerpt(target, excerpt, content) {
    excerptWords(excerpt, content).forEach((word, i) => {
      if (i) target.append(" ");
      target.append(word.marked ? element("mark", "", word.text) : word.text);
    });
  }

  function renderResult(data) {
    const item = element("li", "post-card search-result");
    const heading = element("h2", "post-card-title");
    const link = element("a", "", (data.meta && data.meta.title) || data.url);
    link.href = data.url;
    heading.append(link);
    item.append(heading);
    const filters = data.filters || {};
    const facts = FILTERS.map(([key]) => (filters[key] || []).join(", ")).filter(Boolean);
    if (facts.length) item.append(element("p", "meta", facts.join(" · ")));
    const excerpt = element("p", "search-excerpt");
    appendExcerpt(excerpt, data.excerpt, data.content);
    item.append(excerpt);
    return item;
  }

  function describe(count, term, filters) {
    const what = count === 1 ? "1 result" : `${count} results`;
    const parts = [];
    if (term) parts.push(`for “${term}”`);
    for (const [key, label] of FILTERS) {
      if (filters[key]) parts.push(`${label.toLowerCase()} ${filters[key]}`);
    }
    const tail = count ? "" : ". Try fewer or shorter words, another filter, or browse below";
    return `${count ? what : "No results"} ${parts.join(", ")}${tail}.`;
  }

  // Pagefind is fetched once the page's first paint is on screen (the browser reports
  // first-contentful-paint only then; without paint timing, at `load`): its loader, worker,
  // WebAssembly and index never compete with the page's CSS or hold back the heading and the
  // form, the page's largest text.
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  function afterFirstPaint() {
    const painted = new Promise((resolve) => {
      const types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
      if (types.includes("paint")) {
        const observer = new PerformanceObserver((entries) => {
          if (!entries.getEntriesByName("first-contentful-paint").length) return;
          observer.disconnect();
          resolve();
        });
        observer.observe({ type: "paint", buffered: true });
      } else if (document.readyState === "complete") resolve();
      else window.addEventListener("load", resolve, { once: true });
    });
    return painted.then(nextFrame).then(nextTask);
  }

  async function searchPage(root) {
    const form = root.querySelector("form");
    const input = byId("search-term");
    const filterBox = byId("search-filters");
    const narrow = byId("search-narrow");
    // Folded on a phone, where the three filters would push the results below the first screen.
    narrow.open = window.matchMedia(WIDE).matches;
    const status = byId("search-status");
    const list = byId("search-results");
    const more = byId("search-more");
    const noJs = byId("search-nojs");
    const params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    noJs.hidden = true;

    let pagefind;
    try {
      await afterFirstPaint();
      const bundle = root.dataset.bundle;
      // A large site's index comes in parts (plugins/outputs/search: parts.json names the others).
      const partsFile = fetch(`${bundle}parts.json`).then((response) => {
        if (!response.ok) throw new Error(`${bundle}parts.json: ${response.status}`);
        return response.json();
      });
      partsFile.catch(() => {}); // awaited below; unobserved only when the loader failed first
      pagefind = await import(`${bundle}pagefind.js`);
      await nextTask(); // evaluating the loader and starting the worker: two short tasks, not one
      // Pagefind's own web worker (its default) compiles the WebAssembly, decodes the index and
      // searches off the page's thread, which only renders the results.
      const options = { baseUrl: root.dataset.baseUrl, excerptLength: 30 };
      await pagefind.options(options);
      await pagefind.init();
      // Each other part is merged with Pagefind's own mergeIndex: it shares the WebAssembly of
      // the first, and every search and filter list covers all parts.
      const { parts } = await partsFile;
      await Promise.all(parts.map((part) => pagefind.mergeIndex(`${bundle}${part}`, options)));
    } catch (error) {
      status.textContent = "Search is unavailable: its index could not be loaded.";
      noJs.hidden = false;
      root.dataset.state = "failed";
      throw error;
    }

    // The filters load while the first search runs (one round trip less before the results);
    // until they are there, that search takes its filters from the URL.
    const selects = [];
    const fromUrl = {};
    for (const [key] of FILTERS) if (params.get(key)) fromUrl[key] = params.get(key);

    function addFilters(available) {
      for (const [key, label, anyLabel] of FILTERS) {
        const values = Object.keys(available[key] || {});
        if (!values.length) continue;
        values.sort((a, b) => (key === "year" ? b.localeCompare(a) : a.localeCompare(b)));
        const select = element("select");
        select.id = `search-filter-${key}`;
        select.name = key;
        select.append(new Option(anyLabel, ""), ...values.map((value) => new Option(value, value)));
        select.value = values.includes(params.get(key)) ? params.get(key) : "";
        const labelNode = element("label", "", label);
        labelNode.htmlFor = select.id;
        const row = element("p", "search-filter");
        row.append(labelNode, " ", select);
        filterBox.append(row);
        selects.push(select);
      }
      narrow.hidden = !selects.length;
    }

    let generation = 0;
    let results = [];
    let shown = 0;

    async function showMore(current) {
      const batch = results.slice(shown, shown + PAGE_SIZE);
      const data = await Promise.all(batch.map((result) => result.data()));
      if (current !== generation) return [];
      const items = data.map(renderResult);
      list.append(...items);
      shown += batch.length;
      more.hidden = shown >= results.length;
      return items;
    }

    async function run() {
      const current = ++generation;
      const term = input.value.trim();
      const filters = selects.length ? {} : { ...fromUrl };
      for (const select of selects) if (select.value) filters[select.name] = select.value;
      const query = new URLSearchParams(term ? { q: term } : {});
      for (const [key, value] of Object.entries(filters)) query.set(key, value);
      const url = query.toString() ? `?${query}` : window.location.pathname;
      window.history.replaceState(null, "", url);
      if (!term && !Object.keys(filters).length) {
        results = [];
        list.replaceChildren();
        more.hidden = true;
        status.textContent = "";
        return;
      }
      const search = await pagefind.search(term || null, { filters });
      if (current !== generation) return;
      results = (search && search.results) || [];
      shown = 0;
      list.replaceChildren();
      await showMore(current);
      if (current === generation) status.textContent = describe(results.length, term, filters);
    }

    let timer;
    input.addEventListener("input", () => {
      if (input.value.trim()) pagefind.preload(input.value.trim()).catch(() => {});
      clearTimeout(timer);
      timer = setTimeout(run, DEBOUNCE_MS);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener("click", async () => {
      const items = await showMore(generation);
      if (items.length) items[0].querySelector("a").focus();
    });
    const first = run();
    addFilters(await pagefind.filters());
    for (const select of selects) select.addEventListener("change", run);
    await first;
    root.dataset.state = "ready";
  }

  enhanceHeaderBox();
  const root = byId("search");
  if (root) searchPage(root);
})();
