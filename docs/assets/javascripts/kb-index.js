/*
 * kb-index.js - the practice index: filters, text search, active-filter chips.
 *
 * One classic script (no modules, no fetch) so that it runs online with
 * Material's instant navigation, over plain HTTP and from file://.
 *
 * The list is rendered by the generator; without JavaScript it is the full
 * list and the filter form stays hidden. The facets are read from the page:
 * each <fieldset class="kb-facet" data-facet="NAME"> holds checkboxes
 * name="NAME" value="ID", and each <li class="kb-item"> lists its ids in
 * data-NAME="id1 id2". Filters combine with AND across facets and OR within
 * one. Each option shows how many practices ticking it would leave. The state
 * lives in the URL fragment (#theme=a,b&stage=c&q=x&sort=title).
 *
 * The text box searches the whole record: title, summary, every
 * data-text-FIELD attribute of the item and the names of its tags. Words
 * match by stem (lunr's stemmer, as the site search; vendor/lunr-*.min.js)
 * or by prefix (a word being typed); case and accents are ignored. Matches
 * are marked in the shown results, with an excerpt of the field that matched
 * when it is not the title or summary.
 *
 * Only the first PAGE_SIZE matches are shown, and only they are in the list
 * (the others are kept out of the page); "Show more" adds the next ones. A
 * filter then changes and lays out at most 2 * PAGE_SIZE items: the style of
 * each shown item is what a change costs at thousands of records.
 *
 * window.kbIndex.apply(state) applies a state synchronously, without touching
 * the history, and returns the number of matching practices.
 */
(() => {
  "use strict";

  if (window.kbIndex?.loaded) return; // the script was included twice

  const SORTS = ["report", "title"];
  const TYPING_DELAY = 250; // ms before a typed query goes into the URL
  const PAGE_SIZE = 20; // 20 shown: each shown item costs style (about 0.2 ms of CPU at 5,000 records)
  const EXCERPT_BEFORE = 8; // words of context around a match in an excerpt
  const EXCERPT_AFTER = 16;
  const WORD = /[\p{L}\p{M}\p{N}]+/gu;
  const NON_WORD = /[^\p{L}\p{M}\p{N}]+/u; // split() is faster than matchAll() on whole records
  let current = null; // the Finder of the index on the current page
  let materialPath = null; // where Material's instant navigation last went

  const fold = (text) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const folded = new Map(); // the same words recur in every record and query
  const foldWord = (word) => folded.get(word) ?? folded.set(word, fold(word)).get(word);
  // Writing the same text again would still make the browser lay it out again.
  const setText = (element, text) => element.textContent !== text && (element.textContent = text);
  const setClass = (element, name, on) => element.classList.contains(name) !== on && element.classList.toggle(name, on);
  const anyTicked = (flags, values) => {
    for (const v of values) if (flags[v]) return true;
    return false;
  };
  const emptyState = (facets) => ({ ...Object.fromEntries(facets.map((f) => [f, []])), q: "", sort: "report" });
  // Our strings come from the page (data-kb-strings, from the message
  // catalogues): "%(name)d" and "%(name)s" are filled in here.
  const fill = (template, values) => template.replace(/%\((\w+)\)[ds]/g, (all, name) => (name in values ? String(values[name]) : all));
  const element = (tag, className, text) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  };

  /* ---------------------------------------------------------------- */
  /* Words: the stemmer of the page's language                        */

  // Chinese and Japanese write no spaces between words: the browser's own
  // word segmenter finds them (in the query and in the text alike).
  const SEGMENTED = new Set(["zh", "ja"]);
  let segmenter = null;
  const languageCode = (lang) => (lang || "en").toLowerCase().split("-")[0];
  function useSegmenter(lang) {
    const code = languageCode(lang);
    segmenter = SEGMENTED.has(code) && window.Intl?.Segmenter ? new Intl.Segmenter(code, { granularity: "word" }) : null;
  }
  // The words of a text, each as [word] with its .index (like matchAll).
  function wordsOf(text) {
    if (!segmenter) return text.matchAll(WORD);
    const out = [];
    for (const { segment, index, isWordLike } of segmenter.segment(text)) {
      if (!isWordLike) continue;
      const word = [segment];
      word.index = index;
      out.push(word);
    }
    return out;
  }
  // The words alone (lower case): faster than wordsOf where no position is needed.
  const wordList = (text) => (segmenter ? [...wordsOf(text)].map(([w]) => w) : text.split(NON_WORD));

  // lunr's English stemmer, or the one of the page's language when its lunr
  // language file is loaded (Material ships lunr.fr.min.js and others, which
  // define lunr.fr.stemmer). Without lunr, words match by prefix only.
  function stemmerFor(lang) {
    const lunr = window.lunr;
    const code = languageCode(lang);
    const stem = (code !== "en" && lunr?.[code]?.stemmer) || lunr?.stemmer;
    if (!stem || !lunr.Token) return (word) => fold(word);
    // Accents are folded first: "RÉSUMÉ" and "resume" are one word here, as
    // the text box ignores accents (a language's stemmer still applies).
    const memo = new Map();
    return (word) => {
      let out = memo.get(word);
      if (out === undefined) memo.set(word, (out = stem(new lunr.Token(fold(word))).toString()));
      return out;
    };
  }

  // A query: its words, each as typed (folded) and as a stem.
  function parseQuery(text, stem) {
    const seen = new Set();
    const terms = [];
    for (const [word] of wordsOf(text.toLowerCase())) {
      const key = fold(word);
      if (!seen.has(key)) terms.push({ key, stem: stem(word), seen: new Map() }), seen.add(key);
    }
    return terms;
  }

  // Whether a word of the text (lower case) matches a term of the query. The
  // answer is kept per term: the same words recur in every shown record.
  const termMatches = (term, word, stem) => {
    let yes = term.seen.get(word);
    if (yes === undefined) term.seen.set(word, (yes = foldWord(word).startsWith(term.key) || stem(word) === term.stem));
    return yes;
  };
  const wordMatches = (word, terms, stem) => terms.some((term) => termMatches(term, word, stem));

  // Where the matching words of a text are: [start, end, start, end, ...].
  function matchRanges(text, terms, stem) {
    const out = [];
    for (const m of wordsOf(text)) if (wordMatches(m[0].toLowerCase(), terms, stem)) out.push(m.index, m.index + m[0].length);
    return out;
  }

  // Text as nodes with the matching words in <mark> (textContent only).
  function marked(text, terms, stem, ranges = matchRanges(text, terms, stem)) {
    const out = [];
    let last = 0;
    for (let k = 0; k < ranges.length; k += 2) {
      if (ranges[k] > last) out.push(document.createTextNode(text.slice(last, ranges[k])));
      out.push(element("mark", "kb-mark", text.slice(ranges[k], ranges[k + 1])));
      last = ranges[k + 1];
    }
    if (last < text.length) out.push(document.createTextNode(text.slice(last)));
    return out;
  }

  /* ---------------------------------------------------------------- */
  /* The text index: every word of every record, once per record      */

  class TextIndex {
    constructor(items, stem) {
      this.stem = stem;
      this.tokens = []; // distinct folded words
      this.postings = []; // per token: the items that have it
      this.byStem = new Map(); // stem -> token indexes
      const ids = new Map();
      const seen = [];
      items.forEach((item, i) => {
        for (const field of item.fields) {
          for (const word of wordList(field.text.toLowerCase())) {
            if (!word) continue;
            let t = ids.get(word);
            if (t === undefined) {
              t = this.tokens.length;
              ids.set(word, t);
              this.tokens.push(fold(word));
              this.postings.push([]);
              const s = stem(word);
              const same = this.byStem.get(s);
              if (same) same.push(t);
              else this.byStem.set(s, [t]);
            }
            if (seen[t] !== i) {
              seen[t] = i;
              this.postings[t].push(i);
            }
          }
        }
      });
      this.size = items.length;
    }

    // Per item: 1 when every term matches one of its words.
    search(terms) {
      const hits = new Uint16Array(this.size);
      terms.forEach((term, k) => {
        const tokens = new Set(this.byStem.get(term.stem) || []);
        this.tokens.forEach((token, t) => token.startsWith(term.key) && tokens.add(t));
        for (const t of tokens) for (const i of this.postings[t]) if (hits[i] === k) hits[i] = k + 1;
      });
      return hits.map((n) => (n === terms.length ? 1 : 0));
    }
  }

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
      this.main = root.querySelector("#kb-main") || this.list;
      this.active = root.querySelector("#kb-active");
      this.empty = root.querySelector("#kb-empty");
      this.input = this.form.querySelector("#kb-q");
      this.sortSelect = this.form.querySelector("#kb-sort");
      this.heading = root.closest("article, main, body")?.querySelector("h1");
      this.headingText = this.heading?.textContent.trim() || "";
      this.title = document.title;
      const lang = document.documentElement.lang || "en";
      useSegmenter(lang);
      this.stem = stemmerFor(lang);
      this.strings = JSON.parse(root.dataset.kbStrings || "{}");
      this.plurals = new Intl.PluralRules(lang);
      this.orList = new Intl.ListFormat(lang, { type: "disjunction" });
      this.lastHash = null;
      this.typingTimer = 0;
      this.limit = PAGE_SIZE;
      this.readFacets();
      this.readItems();
      // Rendered with every item (the list without JavaScript); from now on
      // it holds the shown ones only (renderList).
      this.list.replaceChildren();
      for (const item of this.items) item.li.hidden = true;
      this.listed = [];
      this.markedKeys = new WeakMap(); // element -> where its marks are
      this.state = emptyState(this.facets);
      this.addMoreButton();
      this.addToggle();
      this.listen();
    }

    // Facets and their options, in the order of the page.
    readFacets() {
      this.facets = [];
      this.labels = {}; // facet -> its name ("Stage")
      this.options = {}; // facet -> [{id, name, box, count, label}]
      this.optionIndex = {}; // facet -> Map(id -> index)
      for (const fieldset of this.form.querySelectorAll("fieldset.kb-facet[data-facet]")) {
        const facet = fieldset.dataset.facet;
        this.facets.push(facet);
        this.labels[facet] = fieldset.querySelector("legend")?.textContent.trim() || facet;
        this.options[facet] = [];
        this.optionIndex[facet] = new Map();
        for (const box of fieldset.querySelectorAll(`input[type="checkbox"][name="${CSS.escape(facet)}"]`)) {
          const label = box.closest("label");
          const name = label.querySelector(".kb-option-name")?.textContent.trim() || box.value;
          this.addOption(facet, box.value, { name, box, label, count: label.querySelector(".kb-option-count") });
        }
        fieldset.classList.toggle("kb-facet-many", this.options[facet].length > 8); // see kb.css
      }
    }

    // One of our strings, filled in; a plural by its count `num`.
    t(key, values = {}) {
      let template = this.strings[key] ?? key;
      if (typeof template === "object") template = template[this.plurals.select(values.num)] ?? template.other;
      return fill(template, values);
    }

    addOption(facet, id, parts = {}) {
      this.optionIndex[facet].set(id, this.options[facet].length);
      this.options[facet].push({ id, name: id, ...parts });
      return this.options[facet].length - 1;
    }

    // Items: their option indexes per facet, their text, the two sort orders.
    readItems() {
      this.items = [...this.list.querySelectorAll(":scope > li.kb-item")].map((li) => {
        const values = this.facets.map((facet) => {
          const ids = new Set((li.getAttribute(`data-${facet}`) || "").split(/\s+/).filter(Boolean));
          return [...ids].map((id) => this.optionIndex[facet].get(id) ?? this.addOption(facet, id));
        });
        const titleElement = li.querySelector(".kb-item-title a") || li.querySelector(".kb-item-title");
        const summaryElement = li.querySelector(".kb-item-summary");
        const title = titleElement.textContent.trim();
        const order = parseFloat(li.dataset.order);
        return { li, values, title, titleElement, summaryElement, order: isNaN(order) ? Infinity : order };
      });
      const byReport = (a, b) => a.order - b.order || a.position - b.position;
      this.items.forEach((item, position) => (item.position = position));
      const collator = new Intl.Collator(document.documentElement.lang || "en", { sensitivity: "base", numeric: true });
      this.orders = {
        report: [...this.items].sort(byReport),
        title: [...this.items].sort((a, b) => collator.compare(a.title, b.title) || byReport(a, b)),
      };
      this.order = this.items; // as rendered
      this.textKey = "";
      this.textIndex = null;
      for (const item of this.items) item.textOk = true;
    }

    // The searchable fields of an item: title, summary, the data-text-*
    // attributes (in page order) and its tags, one field per facet.
    fieldsOf(item) {
      const fields = [
        { label: "", text: item.title, element: item.titleElement },
        { label: "", text: item.summaryElement?.textContent ?? "", element: item.summaryElement },
      ];
      for (const attribute of item.li.attributes) {
        if (!attribute.name.startsWith("data-text-") || !attribute.value) continue;
        const name = attribute.name.slice("data-text-".length).replace(/-/g, " ");
        fields.push({ label: this.t(attribute.name.slice("data-text-".length)), text: attribute.value });
      }
      this.facets.forEach((facet, f) => {
        if (item.values[f].length) fields.push({ label: this.labels[facet], text: item.values[f].map((v) => this.options[facet][v].name).join("; ") });
      });
      return fields;
    }

    // Built on first use (a query, or focus in the text box).
    ensureTextIndex() {
      if (this.textIndex) return this.textIndex;
      for (const item of this.items) item.fields = this.fieldsOf(item);
      return (this.textIndex = new TextIndex(this.items, this.stem));
    }

    get total() {
      return this.items.length;
    }

    addMoreButton() {
      this.more = element("button", "kb-more kb-button kb-noprint");
      this.more.type = "button";
      this.more.id = "kb-more";
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
      this.listed[first]?.li.querySelector("a")?.focus();
    }

    // On narrow screens (see kb.css) the facets fold away behind a button, so
    // that the results are not pushed below dozens of checkboxes.
    addToggle() {
      const facets = element("div", "kb-facets");
      facets.id = "kb-facets";
      const boxes = [...this.form.querySelectorAll(":scope > details, :scope > .kb-field-sort, :scope > #kb-clear")];
      boxes[0]?.before(facets);
      facets.append(...boxes);
      const button = element("button", "kb-toggle kb-button");
      button.type = "button";
      button.id = "kb-toggle";
      button.setAttribute("aria-controls", facets.id);
      button.setAttribute("aria-expanded", "false");
      this.form.querySelector(".kb-field-q").after(button);
      this.form.classList.add("kb-collapsed");
      button.addEventListener("click", () => {
        const open = this.form.classList.toggle("kb-collapsed") === false;
        button.setAttribute("aria-expanded", String(open));
        this.renderToggle();
        // The search box, the options and the first results in one screen.
        if (open) this.scrollIntoViewTop(this.form.querySelector(".kb-field-q"));
      });
      this.toggle = button;
    }

    listen() {
      this.form.addEventListener("submit", (event) => {
        event.preventDefault();
        this.commitTyping();
      });
      this.form.addEventListener("change", (event) => {
        if (event.target !== this.input) {
          this.fromForm();
          this.revealResults();
        }
      });
      this.input.addEventListener("input", () => this.fromTyping());
      this.input.addEventListener("focus", () => this.ensureTextIndex(), { once: true });
      this.form.querySelector("#kb-clear").addEventListener("click", () => this.update(emptyState(this.facets), "push"));
      // "Skip to results": focus moves to the list, and the fragment (our state) stays.
      // Instant navigation would write #kb-results into the URL: the event stops here.
      this.form.querySelector("#kb-skip")?.addEventListener("click", (event) => {
        event.preventDefault();
        event.stopPropagation();
        this.list.focus({ preventScroll: true });
        this.scrollIntoViewTop(this.main);
      });
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

    applyText(q) {
      if (q === this.textKey) return;
      this.textKey = q;
      this.terms = parseQuery(q, this.stem);
      if (!this.terms.length) {
        for (const item of this.items) item.textOk = true;
        return;
      }
      const hits = this.ensureTextIndex().search(this.terms);
      this.items.forEach((item, i) => (item.textOk = hits[i] === 1));
    }

    // Which items match, and per option how many would match if it were ticked
    // (the items that fail no facet, or fail only that option's facet).
    apply(input) {
      const state = (this.state = this.clean(input));
      this.applyText(state.q);
      // Per facet: whether each option is ticked, or null when none is.
      const ticked = this.facets.map((facet) => {
        if (!state[facet].length) return null;
        const flags = new Uint8Array(this.options[facet].length);
        for (const id of state[facet]) flags[this.optionIndex[facet].get(id)] = 1;
        return flags;
      });
      const counts = this.facets.map((facet) => new Int32Array(this.options[facet].length));
      const onlyFailing = new Int32Array(this.facets.length); // items that fail that facet alone
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
          onlyFailing[failed]++;
          for (const v of item.values[failed]) counts[failed][v]++;
        }
      }
      this.counts = counts;
      this.onlyFailing = onlyFailing;
      this.ticked = ticked;
      this.matches = matches;
      this.limit = PAGE_SIZE;
      this.order = this.orders[state.sort];
      this.render();
      return matches;
    }

    // Shown: the first `limit` matches in the current order.
    render() {
      const terms = this.terms?.length ? this.terms : null;
      const shown = [];
      for (const item of this.order) {
        if (shown.length === this.limit) break;
        if (!item.match) continue;
        shown.push(item);
        this.renderMarks(item, terms); // items out of the list get theirs when shown again
      }
      this.renderList(shown);
      this.shownCount = shown.length;
      this.renderOptions();
      this.renderToggle();
      this.renderStatus();
      this.renderChips();
      this.renderEmpty();
      this.renderHeading();
      // For a page that adds to the shown items (the plan page, kb-plan.js).
      this.root.dispatchEvent(new Event("kb-index:render"));
    }

    // The list holds the shown items only; the others are taken out of the
    // page (and marked hidden). The hidden attribute of one item among
    // thousands of siblings cost about 5 ms of style a change, whatever the
    // number of items changed: Material's rule `.md-sidebar--primary:not([hidden])
    // ~ .md-content ...` makes Chromium check every later sibling of an
    // element whose hidden attribute changes. Items that stay are not touched.
    renderList(shown) {
      const keep = new Set(shown);
      for (const item of this.listed) {
        if (!keep.has(item)) {
          item.li.remove();
          item.li.hidden = true;
        }
      }
      let next = this.list.firstElementChild;
      for (const item of shown) {
        if (item.li === next) next = next.nextElementSibling;
        else {
          item.li.hidden = false;
          this.list.insertBefore(item.li, next);
        }
      }
      this.listed = shown;
    }

    // Matched words marked in the title and summary; when some term matches
    // neither, an excerpt of the first other field where it does.
    renderMarks(item, terms) {
      const key = terms ? this.textKey : "";
      if ((item.markKey || "") === key) return;
      item.markKey = key;
      const [title, summary, ...rest] = item.fields || this.fieldsOf(item);
      for (const field of [title, summary]) if (field.element) this.markField(field, terms);
      const place = terms && this.excerptPlace(title, summary, rest, terms);
      this.renderExcerpt(item, place && this.excerpt(place.field, place.at, terms));
    }

    // A field's text with its matches marked. The same marks (a query typed
    // one more letter, mostly) leave it untouched: no style or layout again.
    markField(field, terms) {
      const ranges = terms ? matchRanges(field.text, terms, this.stem) : [];
      const key = ranges.join();
      if ((this.markedKeys.get(field.element) ?? "") === key) return;
      this.markedKeys.set(field.element, key);
      field.element.replaceChildren(...marked(field.text, terms, this.stem, ranges));
    }

    // When a term matches neither title nor summary: the first other field
    // where one such term matches, and the word where it does.
    excerptPlace(title, summary, rest, terms) {
      const inShown = (term) => [title, summary].some((f) => this.firstMatch(f.text, [term]) >= 0);
      const missing = terms.filter((term) => !inShown(term));
      if (!missing.length) return null;
      for (const field of rest) {
        const at = this.firstMatch(field.text, missing);
        if (at >= 0) return { field, at };
      }
      return null;
    }

    // The same excerpt as shown (a query typed one more letter, mostly) stays.
    renderExcerpt(item, excerpt) {
      if (excerpt && item.excerpt?.isEqualNode(excerpt)) return;
      item.excerpt?.remove();
      item.excerpt = excerpt;
      if (excerpt) (item.summaryElement || item.titleElement).after(excerpt);
    }

    // Index (in words) of the first word of `text` matching one of `terms`, or -1.
    firstMatch(text, terms) {
      let n = 0;
      for (const [word] of wordsOf(text)) {
        if (wordMatches(word.toLowerCase(), terms, this.stem)) return n;
        n++;
      }
      return -1;
    }

    excerpt(field, at, terms) {
      const words = []; // up to the last word of the excerpt, and one more when there is one
      for (const m of wordsOf(field.text)) if (words.push(m) > at + EXCERPT_AFTER + 1) break;
      const from = Math.max(0, at - EXCERPT_BEFORE);
      const to = Math.min(words.length - 1, at + EXCERPT_AFTER);
      const start = from === 0 ? 0 : words[from].index;
      const end = to === words.length - 1 ? field.text.length : words[to].index + words[to][0].length;
      const p = element("p", "kb-item-excerpt");
      p.append(element("span", "kb-excerpt-label", `${field.label}: `));
      if (start > 0) p.append("\u2026 ");
      p.append(...marked(field.text.slice(start, end), terms, this.stem));
      if (end < field.text.length) p.append(" \u2026");
      return p;
    }

    renderOptions() {
      this.facets.forEach((facet, f) => {
        const chosen = new Set(this.state[facet]);
        this.options[facet].forEach((option, k) => {
          if (!option.box) return;
          if (option.box.checked !== chosen.has(option.id)) option.box.checked = !option.box.checked;
          setText(option.count, `(${this.counts[f][k]})`);
          setClass(option.label, "kb-option-none", this.counts[f][k] === 0);
        });
      });
      if (this.input.value !== this.state.q) this.input.value = this.state.q;
      if (this.sortSelect.value !== this.state.sort) this.sortSelect.value = this.state.sort;
    }

    renderToggle() {
      const selected = this.facets.reduce((n, facet) => n + this.state[facet].length, 0);
      const open = this.toggle.getAttribute("aria-expanded") === "true";
      const label = this.t(open ? "hideFilters" : "showFilters");
      setText(this.toggle, selected ? this.t("selected", { label, num: selected }) : label);
    }

    get filtered() {
      return Boolean(this.state.q.trim()) || this.facets.some((facet) => this.state[facet].length);
    }

    // No class on the finder says "filtered" or "empty": toggling a class on
    // an ancestor of 5,000 items made Chromium recompute all their styles
    // (about 33 ms a change, measured), whether a rule used it or not.
    renderStatus() {
      const filtered = this.filtered;
      const count = { matches: this.matches, num: this.total };
      setText(this.status, this.t(filtered ? "matches" : "practices", count));
      const left = this.matches - this.shownCount;
      if (this.more.hidden !== left <= 0) this.more.hidden = left <= 0;
      setText(this.more, this.t("more", { next: Math.min(left, PAGE_SIZE), shown: this.shownCount, matches: this.matches }));
    }

    // The active filters, each as [label, name, state without it].
    activeFilters() {
      const out = [];
      const q = this.state.q.trim();
      if (q) out.push({ facet: null, text: this.t("search", { query: q }), without: { ...this.state, q: "" } });
      this.facets.forEach((facet) => {
        for (const id of this.state[facet]) {
          const name = this.options[facet][this.optionIndex[facet].get(id)].name;
          out.push({ facet, text: this.t("filter", { facet: this.labels[facet], value: name }), without: { ...this.state, [facet]: this.state[facet].filter((v) => v !== id) } });
        }
      });
      return out;
    }

    // Chips above the results, one button per active filter.
    renderChips() {
      if (!this.active) return;
      const filters = this.activeFilters();
      const key = JSON.stringify(filters.map((f) => f.text));
      if (key === this.chipsKey) return;
      this.chipsKey = key;
      const focused = this.active.contains(document.activeElement) ? [...this.active.querySelectorAll("button")].indexOf(document.activeElement) : -1;
      const buttons = filters.map((filter) => {
        const button = element("button", "kb-chip-remove");
        button.type = "button";
        button.setAttribute("aria-label", this.t("removeFilter", { filter: filter.text }));
        button.append(element("span", "", filter.text), element("span", "kb-chip-x", "\u00d7"));
        button.lastChild.setAttribute("aria-hidden", "true");
        button.addEventListener("click", () => this.update(filter.without, "push"));
        return button;
      });
      if (filters.length > 1) {
        const clear = element("button", "kb-chip-remove kb-chip-clear", this.t("clearAll"));
        clear.type = "button";
        clear.addEventListener("click", () => this.update(emptyState(this.facets), "push"));
        buttons.push(clear);
      }
      const label = element("span", "kb-active-label", this.t("filters"));
      this.active.replaceChildren(...(buttons.length ? [label, ...buttons] : []));
      this.active.hidden = !buttons.length;
      if (focused >= 0) (buttons[Math.min(focused, buttons.length - 1)] || this.list).focus();
    }

    // No result: which filter to drop, with what each would show.
    renderEmpty() {
      if (!this.empty) return;
      const none = this.matches === 0 && this.filtered;
      const key = none ? JSON.stringify(this.state) : "";
      if (key === this.emptyKey) return;
      this.emptyKey = key;
      this.empty.hidden = !none;
      if (!none) return this.empty.replaceChildren();
      const choices = [];
      this.facets.forEach((facet, f) => {
        if (!this.state[facet].length || !this.onlyFailing[f]) return;
        choices.push({ text: this.t("filter", { facet: this.labels[facet], value: this.chosenNames(facet) }), n: this.onlyFailing[f], without: { ...this.state, [facet]: [] } });
      });
      if (this.state.q.trim()) {
        const n = this.countWithoutText();
        if (n) choices.push({ text: this.t("search", { query: this.state.q.trim() }), n, without: { ...this.state, q: "" } });
      }
      const intro = element("p", "", this.t(choices.length ? "noMatchRemoveOne" : "noMatch"));
      const list = element("ul", "kb-empty-choices");
      for (const choice of choices) {
        const button = element("button", "kb-button", this.t("wouldShow", { filter: choice.text, num: choice.n }));
        button.type = "button";
        button.addEventListener("click", () => {
          this.update(choice.without, "push");
          this.list.focus();
        });
        const li = element("li");
        li.append(button);
        list.append(li);
      }
      this.empty.replaceChildren(intro, ...(choices.length ? [list] : []));
    }

    // The names of a facet's ticked options: "A or B".
    chosenNames(facet) {
      return this.orList.format(this.state[facet].map((id) => this.options[facet][this.optionIndex[facet].get(id)].name));
    }

    // Practices that pass every ticked facet, whatever the text box says.
    countWithoutText() {
      let n = 0;
      for (const item of this.items) {
        if (this.ticked.every((flags, f) => !flags || anyTicked(flags, item.values[f]))) n++;
      }
      return n;
    }

    // The heading and the window title say which filters apply (shared links, print, tabs).
    renderHeading() {
      if (this.root.dataset.kbHeading === "keep") return; // the Plan page keeps its own heading
      const filters = this.activeFilters();
      const byFacet = [];
      if (this.state.q.trim()) byFacet.push(filters[0].text);
      this.facets.forEach((facet) => {
        if (!this.state[facet].length) return;
        byFacet.push(this.t("filter", { facet: this.labels[facet], value: this.chosenNames(facet) }));
      });
      const heading = byFacet.length ? this.t("heading", { filters: byFacet.join(this.t("separator")) }) : this.headingText;
      if (this.heading) {
        const text = [...this.heading.childNodes].find((node) => node.nodeType === Node.TEXT_NODE && node.data.trim());
        if (text && text.data !== heading) text.data = heading;
      }
      if (!this.root.isConnected || location.pathname !== this.path) return;
      // "Page - Site" (Material, Zensical): the page part names the filters.
      const site = this.title.includes(" - ") ? this.title.slice(this.title.indexOf(" - ")) : "";
      const title = byFacet.length ? heading + site : this.title;
      if (document.title !== title) document.title = title;
    }

    /* Scrolling: the count and the first results in view after a change. */

    headerBottom() {
      const header = document.querySelector(".md-header, header");
      return header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    }

    scrollIntoViewTop(target) {
      const top = target.getBoundingClientRect().top - this.headerBottom() - 8;
      if (Math.abs(top) > 1) window.scrollBy(0, top);
    }

    revealResults() {
      const top = this.status.getBoundingClientRect().top;
      const first = this.listed[0]?.li ?? this.empty ?? this.status;
      const bottom = Math.min(first.getBoundingClientRect().bottom, first.getBoundingClientRect().top + window.innerHeight / 3);
      if (top < this.headerBottom()) this.scrollIntoViewTop(this.main);
      else if (bottom > window.innerHeight) window.scrollBy(0, Math.min(bottom - window.innerHeight + 8, top - this.headerBottom() - 8));
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
    // Builds the text index now (it is otherwise built on first use).
    prepareText: () => (current ? (current.ensureTextIndex(), current.textIndex.tokens.length) : 0),
    state: () => (current ? structuredClone(current.state) : null),
    total: () => (current ? current.total : 0),
    // Every item's element, shown or not (the list holds only the shown ones).
    elements: () => (current ? current.items.map((item) => item.li) : []),
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
