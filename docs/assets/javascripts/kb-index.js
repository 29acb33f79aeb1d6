/*
 * kb-index.js - faceted filtering of the practice index.
 *
 * One classic script (no modules, no fetch) so that it runs online with
 * Material's instant navigation, over plain HTTP and from file://.
 *
 * The list is rendered by the generator; without JavaScript it is the full
 * list and the filter form stays hidden. The facets are read from the page:
 * each <fieldset class="kb-facet" data-facet="NAME"> holds checkboxes
 * name="NAME" value="ID", and each <li class="kb-item"> lists its ids in
 * data-NAME="id1 id2". Filters combine with AND across facets and OR within
 * one, plus words matched in titles and summaries (case and accents ignored).
 * Each option shows how many practices ticking it would leave. The state lives
 * in the URL fragment (#theme=a,b&stage=c&q=x&sort=title).
 *
 * Only the first PAGE_SIZE matches are shown; "Show more" adds the next ones.
 * A filter then changes and lays out at most 2 * PAGE_SIZE items, which keeps
 * it within one frame at thousands of records.
 *
 * window.kbIndex.apply(state) applies a state synchronously, without touching
 * the history, and returns the number of matching practices.
 */
(() => {
  "use strict";

  if (window.kbIndex?.loaded) return; // the script was included twice

  const SORTS = ["report", "title"];
  const TYPING_DELAY = 250; // ms before a typed query goes into the URL
  const PAGE_SIZE = 50;
  let current = null; // the Finder of the index on the current page
  let materialPath = null; // where Material's instant navigation last went

  const normalise = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ");
  const words = (query) => normalise(query).trim().split(" ").filter(Boolean);
  // Writing the same text again would still make the browser lay it out again.
  const setText = (element, text) => element.textContent !== text && (element.textContent = text);
  const anyTicked = (flags, values) => {
    for (const v of values) if (flags[v]) return true;
    return false;
  };
  const emptyState = (facets) => ({ ...Object.fromEntries(facets.map((f) => [f, []])), q: "", sort: "report" });

  /* ---------------------------------------------------------------- */
  /* State <-> URL fragment                                           */

  const fragmentOf = (hash) => (hash === "#" ? "" : hash || "");

  function parseHash(hash, facets) {
    const state = emptyState(facets);
    for (const [key, value] of new URLSearchParams(fragmentOf(hash).slice(1))) {
      if (key === "q" || key === "sort") state[key] = value;
      else if (facets.includes(key)) state[key] = [...new Set(value.split(",").map((v) => v.trim()).filter(Boolean))];
    }
    return state;
  }

  function stateToHash(state, facets) {
    const params = new URLSearchParams();
    for (const facet of facets) if (state[facet]?.length) params.set(facet, state[facet].join(","));
    if (state.q?.trim()) params.set("q", state.q.trim());
    if (state.sort && state.sort !== "report") params.set("sort", state.sort);
    const text = params.toString().replace(/%2C/gi, ","); // ids keep their readable commas
    return text ? `#${text}` : "";
  }

  // A fragment of ours (key=value pairs), not a plain anchor such as #top.
  function isStateHash(hash, facets) {
    const keys = [...new URLSearchParams(fragmentOf(hash).slice(1)).keys()];
    return !fragmentOf(hash) || keys.some((key) => key === "q" || key === "sort" || facets.includes(key));
  }

  function setUrl(hash, push) {
    if (location.hash === hash || (!hash && !location.hash)) return;
    const url = location.href.split("#")[0] + hash;
    if (push) history.pushState(null, "", url);
    else history.replaceState(history.state, "", url);
  }

  /* ---------------------------------------------------------------- */
  /* The index of one page                                            */

  class Finder {
    constructor(root) {
      this.root = root;
      this.path = location.pathname;
      this.form = root.querySelector("#kb-filters");
      this.status = root.querySelector("#kb-status");
      this.list = root.querySelector("#kb-results");
      this.input = this.form.querySelector("#kb-q");
      this.sortSelect = this.form.querySelector("#kb-sort");
      this.lastHash = null;
      this.typingTimer = 0;
      this.limit = PAGE_SIZE;
      this.readFacets();
      this.readItems();
      this.state = emptyState(this.facets);
      this.addMoreButton();
      this.addToggle();
      this.listen();
    }

    // Facets and their options, in the order of the page.
    readFacets() {
      this.facets = [];
      this.options = {}; // facet -> [{id, box, count, label}]
      this.optionIndex = {}; // facet -> Map(id -> index)
      for (const fieldset of this.form.querySelectorAll("fieldset.kb-facet[data-facet]")) {
        const facet = fieldset.dataset.facet;
        this.facets.push(facet);
        this.options[facet] = [];
        this.optionIndex[facet] = new Map();
        for (const box of fieldset.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(facet)}"]`)) {
          const label = box.closest("label");
          this.addOption(facet, box.value, { box, label, count: label.querySelector(".kb-option-count") });
        }
        fieldset.classList.toggle("kb-facet-many", this.options[facet].length > 8); // see kb.css
      }
    }

    addOption(facet, id, parts = {}) {
      this.optionIndex[facet].set(id, this.options[facet].length);
      this.options[facet].push({ id, ...parts });
      return this.options[facet].length - 1;
    }

    // Items: their option indexes per facet, their text, the two sort orders.
    readItems() {
      this.items = [...this.list.querySelectorAll(":scope > li.kb-item")].map((li) => {
        const values = this.facets.map((facet) => {
          const ids = new Set((li.getAttribute(`data-${facet}`) || "").split(/\s+/).filter(Boolean));
          return [...ids].map((id) => this.optionIndex[facet].get(id) ?? this.addOption(facet, id));
        });
        const title = li.querySelector(".kb-item-title").textContent.trim();
        const summary = li.querySelector(".kb-item-summary")?.textContent ?? "";
        const order = parseFloat(li.dataset.order);
        return { li, values, title, text: normalise(`${title} \u0000 ${summary}`), order: isNaN(order) ? Infinity : order, hidden: false };
      });
      const byReport = (a, b) => a.order - b.order || a.position - b.position;
      this.items.forEach((item, position) => (item.position = position));
      const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });
      this.orders = {
        report: [...this.items].sort(byReport),
        title: [...this.items].sort((a, b) => collator.compare(a.title, b.title) || byReport(a, b)),
      };
      this.order = this.items; // as rendered
      this.textKey = null;
    }

    get total() {
      return this.items.length;
    }

    addMoreButton() {
      this.more = document.createElement("button");
      this.more.type = "button";
      this.more.id = "kb-more";
      this.more.className = "kb-more kb-noprint";
      this.more.hidden = true;
      this.list.after(this.more);
      this.more.addEventListener("click", () => this.showMore());
    }

    // The next page of matches; focus moves to the first of them, so that a
    // keyboard or screen reader user goes on reading where the new ones start.
    showMore() {
      const first = this.shownCount;
      this.limit += PAGE_SIZE;
      this.render();
      this.matchesInOrder()[first]?.li.querySelector("a")?.focus();
    }

    // On narrow screens (see kb.css) the facets fold away behind a button, so
    // that the results are not pushed below dozens of checkboxes.
    addToggle() {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "kb-toggle";
      button.id = "kb-toggle";
      button.setAttribute("aria-controls", this.form.id);
      button.setAttribute("aria-expanded", "false");
      this.form.querySelector(".kb-field-q").after(button);
      this.form.classList.add("kb-collapsed");
      button.addEventListener("click", () => {
        const open = this.form.classList.toggle("kb-collapsed") === false;
        button.setAttribute("aria-expanded", String(open));
        this.renderToggle();
      });
      this.toggle = button;
    }

    listen() {
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.commitTyping();
      });
      this.form.addEventListener("change", (event) => {
        if (event.target !== this.input) this.fromForm();
      });
      this.input.addEventListener("input", () => this.fromTyping());
      this.form.querySelector("#kb-clear").addEventListener("click", () => this.update(emptyState(this.facets), "push"));
      // Leaving by a link within the typing pause: record the query first.
      this.root.addEventListener("click", (event) => event.target.closest?.("a[href]") && this.commitTyping(), true);
    }

    readForm() {
      const state = emptyState(this.facets);
      for (const facet of this.facets) state[facet] = this.options[facet].filter((o) => o.box?.checked).map((o) => o.id);
      state.q = this.input.value;
      state.sort = this.sortSelect.value;
      return state;
    }

    fromTyping() {
      this.apply(this.readForm());
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(() => {
        this.typingTimer = 0;
        this.writeUrl(false);
      }, TYPING_DELAY);
    }

    fromForm() {
      this.commitTyping(); // a query still being typed goes into the entry being left
      this.apply(this.readForm());
      this.writeUrl(true);
    }

    commitTyping() {
      if (!this.typingTimer) return;
      clearTimeout(this.typingTimer);
      this.typingTimer = 0;
      this.writeUrl(false);
    }

    writeUrl(push) {
      // Never write into another page's history entry (instant navigation).
      if (!this.root.isConnected || location.pathname !== this.path) return;
      this.lastHash = stateToHash(this.state, this.facets);
      setUrl(this.lastHash, push);
    }

    // Apply a state and record it in the history: "push", "replace" or not at all.
    update(state, history) {
      clearTimeout(this.typingTimer);
      this.typingTimer = 0;
      this.apply(state);
      if (history) this.writeUrl(history === "push");
    }

    // Back/forward, a typed fragment, and the first load.
    fromUrl(hash) {
      hash = fragmentOf(hash);
      if (hash === this.lastHash || !isStateHash(hash, this.facets)) return;
      clearTimeout(this.typingTimer);
      this.typingTimer = 0;
      this.lastHash = hash;
      this.apply(parseHash(hash, this.facets));
    }

    // A state with only known ids, in the order of the options.
    clean(input = {}) {
      const state = emptyState(this.facets);
      for (const facet of this.facets) {
        const wanted = new Set(input[facet] || []);
        state[facet] = this.options[facet].filter((o) => wanted.has(o.id)).map((o) => o.id);
      }
      state.q = typeof input.q === "string" ? input.q : "";
      state.sort = SORTS.includes(input.sort) ? input.sort : "report";
      return state;
    }

    // Which items match, and per option how many would match if it were ticked
    // (the items that fail no facet, or fail only that option's facet).
    apply(input) {
      const state = (this.state = this.clean(input));
      if (state.q !== this.textKey) {
        const query = words(state.q);
        for (const item of this.items) item.textOk = query.every((w) => item.text.includes(w));
        this.textKey = state.q;
      }
      // Per facet: whether each option is ticked, or null when none is.
      const ticked = this.facets.map((facet) => {
        if (!state[facet].length) return null;
        const flags = new Uint8Array(this.options[facet].length);
        for (const id of state[facet]) flags[this.optionIndex[facet].get(id)] = 1;
        return flags;
      });
      const counts = this.facets.map((facet) => new Int32Array(this.options[facet].length));
      let matches = 0;
      for (const item of this.items) {
        item.match = false;
        if (!item.textOk) continue;
        let failed = -1;
        let fails = 0;
        for (let f = 0; f < ticked.length && fails < 2; f++) {
          if (ticked[f] && !anyTicked(ticked[f], item.values[f])) {
            fails++;
            failed = f;
          }
        }
        if (fails === 0) {
          item.match = true;
          matches++;
          for (let f = 0; f < counts.length; f++) for (const v of item.values[f]) counts[f][v]++;
        } else if (fails === 1) {
          for (const v of item.values[failed]) counts[failed][v]++;
        }
      }
      this.counts = counts;
      this.matches = matches;
      this.limit = PAGE_SIZE;
      if (this.orders[state.sort] !== this.order) this.reorder(this.orders[state.sort]);
      this.render();
      return matches;
    }

    reorder(order) {
      this.list.append(...order.map((item) => item.li));
      this.order = order;
    }

    matchesInOrder() {
      return this.order.filter((item) => item.match);
    }

    // Shown: the first `limit` matches in the current order. Only the items
    // whose state changes are touched.
    render() {
      let rank = 0;
      for (const item of this.order) {
        const hidden = !(item.match && rank++ < this.limit);
        if (item.hidden !== hidden) item.li.hidden = item.hidden = hidden;
      }
      this.shownCount = Math.min(this.matches, this.limit);
      this.renderOptions();
      this.renderToggle();
      this.renderStatus();
    }

    renderOptions() {
      this.facets.forEach((facet, f) => {
        const chosen = new Set(this.state[facet]);
        this.options[facet].forEach((option, k) => {
          if (!option.box) return;
          if (option.box.checked !== chosen.has(option.id)) option.box.checked = !option.box.checked;
          setText(option.count, `(${this.counts[f][k]})`);
          const none = this.counts[f][k] === 0;
          if (option.label.classList.contains("kb-option-none") !== none) option.label.classList.toggle("kb-option-none", none);
        });
      });
      if (this.input.value !== this.state.q) this.input.value = this.state.q;
      if (this.sortSelect.value !== this.state.sort) this.sortSelect.value = this.state.sort;
    }

    renderToggle() {
      const selected = this.facets.reduce((n, facet) => n + this.state[facet].length, 0);
      const open = this.toggle.getAttribute("aria-expanded") === "true";
      setText(this.toggle, `${open ? "Hide" : "Show"} filters${selected ? ` (${selected} selected)` : ""}`);
    }

    renderStatus() {
      const filtered = Boolean(this.state.q.trim()) || this.facets.some((facet) => this.state[facet].length);
      const noun = this.total === 1 ? "practice" : "practices";
      setText(this.status, filtered ? `${this.matches} of ${this.total} ${noun}` : `${this.total} ${noun}`);
      if (this.root.classList.contains("kb-filtered") !== filtered) this.root.classList.toggle("kb-filtered", filtered);
      if (this.root.classList.contains("kb-none") !== (this.matches === 0)) this.root.classList.toggle("kb-none", this.matches === 0);
      const left = this.matches - this.shownCount;
      if (this.more.hidden !== left <= 0) this.more.hidden = left <= 0;
      setText(this.more, `Show ${Math.min(left, PAGE_SIZE)} more (${this.shownCount} of ${this.matches} shown)`);
    }
  }

  /* ---------------------------------------------------------------- */
  /* Page wiring                                                      */

  // Absolute links into this site are marked, so that the print stylesheet
  // prints the address of external links only (instant navigation makes
  // every relative link absolute).
  function markInternalLinks() {
    for (const a of document.querySelectorAll('.md-content a[href^="http"]')) {
      if (a.host === location.host) a.classList.add("kb-int");
    }
  }

  function init() {
    markInternalLinks();
    const root = document.getElementById("kb-finder");
    if (!root) {
      current = null;
      return;
    }
    if (root.kbFinder) {
      current = root.kbFinder; // already set up on this page
      return;
    }
    current = root.kbFinder = new Finder(root);
    current.form.hidden = false;
    root.classList.add("kb-ready");
    const hash = fragmentOf(location.hash);
    const ours = isStateHash(hash, current.facets);
    current.lastHash = ours ? hash : "";
    current.apply(ours ? parseHash(hash, current.facets) : {});
  }

  const onThisPage = () => current?.root.isConnected && location.pathname === current.path;

  // A step back or forward between two filter states of this page is ours.
  // Material's instant navigation must not see it: it would re-fetch and
  // re-render the page, and keyboard focus would be lost. Material listens to
  // popstate before this script loads, so overrides/main.html registers an
  // earlier listener that calls window.kbPopstate and stops the event when it
  // returns true. Without that override, the listener below still handles it.
  function ownPopstate() {
    if (!onThisPage()) return false;
    // Material is on its way to (or already on) another page: its business.
    if (materialPath !== null && materialPath !== current.path) return false;
    if (!isStateHash(location.hash, current.facets)) return false;
    current.fromUrl(location.hash);
    return true;
  }

  window.kbPopstate = ownPopstate;
  window.addEventListener("popstate", ownPopstate);
  window.addEventListener("pagehide", () => current?.root.isConnected && current.commitTyping());
  window.addEventListener("hashchange", () => onThisPage() && current.fromUrl(location.hash));

  window.kbIndex = {
    loaded: true,
    pageSize: PAGE_SIZE,
    get facets() {
      return current ? [...current.facets] : [];
    },
    apply(state) {
      if (!current) return -1;
      current.update(state, null);
      return current.matches;
    },
    state: () => (current ? structuredClone(current.state) : null),
    total: () => (current ? current.total : 0),
    // Counts per option: {theme: {id: n}, ...}
    counts: () =>
      current &&
      Object.fromEntries(current.facets.map((facet, f) => [facet, Object.fromEntries(current.options[facet].map((o, k) => [o.id, current.counts[f][k]]))])),
    parseHash: (hash) => parseHash(hash, current ? current.facets : []),
    stateToHash: (state) => stateToHash(state, current ? current.facets : []),
    init,
  };

  // Material emits every page (the first and each instant navigation) on
  // document$; with instant navigation (online) location$ tells where it goes,
  // including a link to a fragment of this page. DOMContentLoaded covers a
  // page without Material's bundle and file://, where Material 9.8.1 completes
  // document$ without a value (see overrides/main.html).
  if (typeof window.document$?.subscribe === "function") {
    window.document$.subscribe(init);
    window.location$?.subscribe?.((url) => {
      materialPath = url.pathname;
      if (current?.root.isConnected && url.pathname === current.path) current.fromUrl(url.hash);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
