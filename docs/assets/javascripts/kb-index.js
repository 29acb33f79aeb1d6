/*
 * kb-index.js - faceted filtering of the practice index.
 *
 * One classic script (no modules, no fetch) so that it runs online with
 * Material's instant navigation, over plain HTTP and from file://.
 *
 * The list is rendered on the server; without JavaScript it is simply the
 * full list and the filter form stays hidden. This script:
 *   - builds an in-memory index of the <li class="kb-item"> once per page,
 *   - filters with AND across facets and OR within a facet, plus a free-text
 *     query over title and summary (case- and accent-insensitive),
 *   - shows per-value counts (what ticking that value would leave),
 *   - keeps the state in the URL fragment (#theme=a,b&stage=c&q=x&sort=title),
 *   - sorts by report order or by title.
 *
 * window.kbIndex.apply(state) applies a state object synchronously (without
 * touching history) and returns the number of practices shown.
 */
(function () {
  "use strict";

  if (window.kbIndex && window.kbIndex.loaded) return; // script included twice
  var FACETS = ["theme", "stage", "region", "country", "support", "standard", "source", "kind"]; // as generator/facets.py
  var SORTS = ["report", "title"];
  var DEFAULT_SORT = "report";
  var TYPING_DELAY = 250; // ms before a typed query goes into the URL
  var current = null; // controller of the index on the current page

  /* ------------------------------------------------------------------ */
  /* Text normalisation                                                 */

  var MARKS;
  try {
    MARKS = new RegExp("\\p{M}", "gu");
  } catch (e) {
    MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  }
  function normalise(s) {
    s = String(s || "");
    if (s.normalize) s = s.normalize("NFKD");
    return s.replace(MARKS, "").toLowerCase().replace(/\s+/g, " ");
  }
  function words(q) {
    var n = normalise(q).trim();
    return n ? n.split(" ") : [];
  }

  /* ------------------------------------------------------------------ */
  /* State <-> URL fragment                                             */

  function emptyState() {
    var s = { q: "", sort: DEFAULT_SORT };
    for (var f = 0; f < FACETS.length; f++) s[FACETS[f]] = [];
    return s;
  }

  function decode(s) {
    try {
      return decodeURIComponent(s.replace(/\+/g, " "));
    } catch (e) {
      return s;
    }
  }

  // Encode a value for the fragment, keeping it readable (ids stay as they are).
  function encode(s) {
    return encodeURIComponent(s).replace(/%20/g, "+").replace(/%2C/gi, "%2C");
  }

  // Is this fragment ours (key=value pairs), as opposed to a plain anchor?
  function isStateHash(hash) {
    hash = (hash || "").replace(/^#/, "");
    if (!hash) return true; // no fragment: the empty state
    return /(^|&)(theme|stage|region|country|support|standard|source|kind|q|sort)=/.test(hash);
  }

  function parseHash(hash) {
    var s = emptyState();
    hash = (hash || "").replace(/^#/, "");
    if (!hash) return s;
    var parts = hash.split("&");
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (eq < 0) continue;
      var key = decode(parts[i].slice(0, eq));
      var raw = parts[i].slice(eq + 1);
      if (key === "q") s.q = decode(raw);
      else if (key === "sort") s.sort = decode(raw);
      else if (FACETS.indexOf(key) >= 0) {
        var vals = raw.split(",");
        for (var j = 0; j < vals.length; j++) {
          var v = decode(vals[j]).trim();
          if (v && s[key].indexOf(v) < 0) s[key].push(v);
        }
      }
    }
    return s;
  }

  function stateToHash(s) {
    var out = [];
    for (var f = 0; f < FACETS.length; f++) {
      var vals = s[FACETS[f]] || [];
      if (vals.length) out.push(FACETS[f] + "=" + vals.map(encode).join(","));
    }
    if (s.q && s.q.trim()) out.push("q=" + encode(s.q.trim()));
    if (s.sort && s.sort !== DEFAULT_SORT) out.push("sort=" + encode(s.sort));
    return out.length ? "#" + out.join("&") : "";
  }

  function urlWithHash(hash) {
    return location.href.split("#")[0] + hash;
  }

  function setUrl(hash, push) {
    if (location.hash === hash || (!hash && !location.hash)) return;
    var url = urlWithHash(hash);
    try {
      if (push) history.pushState(null, "", url);
      else history.replaceState(history.state, "", url);
    } catch (e) {
      // Fallback for browsers that refuse the History API on file://.
      if (!hash) hash = "#";
      if (push) location.hash = hash;
      else location.replace(urlWithHash(hash));
    }
  }

  /* ------------------------------------------------------------------ */
  /* The index of one page                                              */

  function Finder(root) {
    this.root = root;
    this.form = root.querySelector("#kb-filters") || root.querySelector("form");
    this.status = root.querySelector("#kb-status");
    this.list = root.querySelector("#kb-results");
    this.input = this.form && this.form.querySelector("#kb-q");
    this.sortSelect = this.form && this.form.querySelector("#kb-sort");
    this.clearButton = this.form && this.form.querySelector("#kb-clear");
    this.lastHash = null;
    this.typingTimer = 0;
    this.build();
  }

  Finder.prototype.build = function () {
    var self = this;
    var f, i, j;

    // Facet values: from the checkboxes (their order is the display order).
    this.values = {}; // facet -> [id]
    this.valueIndex = {}; // facet -> {id: index}
    this.boxes = {}; // facet -> [checkbox]
    this.countEls = {}; // facet -> [span]
    this.optionEls = {}; // facet -> [label]
    for (f = 0; f < FACETS.length; f++) {
      var name = FACETS[f];
      this.values[name] = [];
      this.valueIndex[name] = Object.create(null);
      this.boxes[name] = [];
      this.countEls[name] = [];
      this.optionEls[name] = [];
      var inputs = this.form
        ? this.form.querySelectorAll('input[type="checkbox"][name="' + name + '"]')
        : [];
      for (i = 0; i < inputs.length; i++) this.addValue(name, inputs[i].value, inputs[i]);
    }

    // Long facets get a wider layout (see kb.css).
    var sets = this.form ? this.form.querySelectorAll("fieldset.kb-facet") : [];
    for (i = 0; i < sets.length; i++)
      if (sets[i].querySelectorAll(".kb-option").length > 8) sets[i].classList.add("kb-facet-many");

    // Items.
    var lis = this.list ? this.list.querySelectorAll(":scope > li.kb-item") : [];
    var n = lis.length;
    this.items = new Array(n);
    this.total = n;
    // Per facet: Int32Array offsets into a flat array of value indices.
    this.itemVals = {};
    var lists = {};
    for (f = 0; f < FACETS.length; f++) lists[FACETS[f]] = [];
    this.text = new Array(n);
    this.shown = new Uint8Array(n);
    for (i = 0; i < n; i++) {
      var li = lis[i];
      this.items[i] = li;
      li.hidden = false; // server renders all visible; keep it that way
      this.shown[i] = 1;
      for (f = 0; f < FACETS.length; f++) {
        var facet = FACETS[f];
        var ids = (li.getAttribute("data-" + facet) || "").split(/\s+/);
        var idx = [];
        for (j = 0; j < ids.length; j++) {
          if (!ids[j]) continue;
          var k = this.valueIndex[facet][ids[j]];
          if (k === undefined) k = this.addValue(facet, ids[j], null);
          if (idx.indexOf(k) < 0) idx.push(k);
        }
        lists[facet].push(idx);
      }
      var title = li.querySelector(".kb-item-title");
      var summary = li.querySelector(".kb-item-summary");
      this.text[i] = normalise(
        (title ? title.textContent : "") + " \u0000 " + (summary ? summary.textContent : "")
      );
    }

    // Bitmasks: per facet, W words per item (flat Uint32Array).
    this.masks = {};
    this.words = {};
    this.flat = {};
    this.offsets = {};
    for (f = 0; f < FACETS.length; f++) {
      var fn = FACETS[f];
      var W = Math.max(1, Math.ceil(this.values[fn].length / 32));
      var mask = new Uint32Array(n * W);
      var total = 0;
      for (i = 0; i < n; i++) total += lists[fn][i].length;
      var flat = new Int32Array(total);
      var off = new Int32Array(n + 1);
      var p = 0;
      for (i = 0; i < n; i++) {
        off[i] = p;
        var vs = lists[fn][i];
        for (j = 0; j < vs.length; j++) {
          flat[p++] = vs[j];
          mask[i * W + (vs[j] >>> 5)] |= 1 << (vs[j] & 31);
        }
      }
      off[n] = p;
      this.words[fn] = W;
      this.masks[fn] = mask;
      this.flat[fn] = flat;
      this.offsets[fn] = off;
    }

    // Sort orders, computed once.
    var order = new Array(n);
    var titles = new Array(n);
    for (i = 0; i < n; i++) {
      var o = parseFloat(this.items[i].getAttribute("data-order"));
      order[i] = isNaN(o) ? Infinity : o;
      var a = this.items[i].querySelector(".kb-item-title");
      titles[i] = a ? a.textContent.trim() : "";
    }
    var collator =
      typeof Intl !== "undefined" && Intl.Collator
        ? new Intl.Collator("en", { sensitivity: "base", numeric: true })
        : null;
    var base = [];
    for (i = 0; i < n; i++) base.push(i);
    function byReport(x, y) {
      if (order[x] !== order[y]) return order[x] < order[y] ? -1 : 1;
      return x - y;
    }
    this.orders = {
      report: base.slice().sort(byReport),
      title: base.slice().sort(function (x, y) {
        var c = collator
          ? collator.compare(titles[x], titles[y])
          : titles[x] < titles[y] ? -1 : titles[x] > titles[y] ? 1 : 0;
        return c || byReport(x, y);
      })
    };
    // Order as rendered by the server.
    this.currentOrder = base;
    this.sort = null;

    this.textOk = new Uint8Array(n);
    this.textKey = null;
    this.state = emptyState();
    this.counts = {};
    for (f = 0; f < FACETS.length; f++)
      this.counts[FACETS[f]] = new Int32Array(this.values[FACETS[f]].length);
    this.shownCount = n;

    // Events.
    if (this.form) {
      this.form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        self.commitTyping();
      });
      this.form.addEventListener("change", function (ev) {
        var t = ev.target;
        if (t === self.input) return; // handled by input/commit
        self.fromForm(true);
      });
      if (this.input) {
        this.input.addEventListener("input", function () {
          self.fromForm(false, true);
        });
      }
      if (this.clearButton) {
        this.clearButton.addEventListener("click", function () {
          self.update(emptyState(), "push");
        });
      }
    }
    // Leaving by a link (a result, instant navigation or not) within the
    // typing pause: record the typed query first (pagehide: see below).
    this.root.addEventListener(
      "click",
      function (ev) {
        if (ev.target && ev.target.closest && ev.target.closest("a[href]")) self.commitTyping();
      },
      true
    );
  };

  // On narrow screens (see kb.css) the facets fold away behind a button, so
  // that the results are not pushed below dozens of checkboxes.
  Finder.prototype.addToggle = function () {
    var form = this.form;
    if (!form || form.querySelector(".kb-toggle")) return;
    var self = this;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kb-toggle";
    button.id = "kb-toggle";
    button.setAttribute("aria-controls", form.id || "kb-filters");
    button.setAttribute("aria-expanded", "false");
    var q = form.querySelector(".kb-field-q");
    if (q && q.nextSibling) form.insertBefore(button, q.nextSibling);
    else if (q) form.appendChild(button);
    else form.insertBefore(button, form.firstChild);
    form.classList.add("kb-collapsed");
    button.addEventListener("click", function () {
      var open = form.classList.contains("kb-collapsed");
      form.classList.toggle("kb-collapsed", !open);
      button.setAttribute("aria-expanded", open ? "true" : "false");
      self.renderToggle();
    });
    this.toggle = button;
  };

  Finder.prototype.renderToggle = function () {
    if (!this.toggle) return;
    var n = 0;
    for (var f = 0; f < FACETS.length; f++) n += this.state[FACETS[f]].length;
    var open = this.toggle.getAttribute("aria-expanded") === "true";
    var text = (open ? "Hide filters" : "Show filters") + (n ? " (" + n + " selected)" : "");
    if (this.toggle.textContent !== text) this.toggle.textContent = text;
  };

  Finder.prototype.addValue = function (facet, id, box) {
    var k = this.valueIndex[facet][id];
    if (k === undefined) {
      k = this.values[facet].length;
      this.values[facet].push(id);
      this.valueIndex[facet][id] = k;
      this.boxes[facet].push(null);
      this.countEls[facet].push(null);
      this.optionEls[facet].push(null);
    }
    if (box) {
      this.boxes[facet][k] = box;
      var label = box.closest ? box.closest("label") : null;
      this.optionEls[facet][k] = label;
      this.countEls[facet][k] = label ? label.querySelector(".kb-option-count") : null;
    }
    return k;
  };

  // Read the state from the form controls.
  Finder.prototype.readForm = function () {
    var s = emptyState();
    for (var f = 0; f < FACETS.length; f++) {
      var facet = FACETS[f];
      var boxes = this.boxes[facet];
      for (var k = 0; k < boxes.length; k++)
        if (boxes[k] && boxes[k].checked) s[facet].push(this.values[facet][k]);
    }
    s.q = this.input ? this.input.value : "";
    s.sort = this.sortSelect ? this.sortSelect.value : DEFAULT_SORT;
    return s;
  };

  Finder.prototype.fromForm = function (push, typing) {
    var s = this.readForm();
    var self = this;
    if (typing) {
      this.apply(s);
      clearTimeout(this.typingTimer);
      this.typingTimer = setTimeout(function () {
        self.typingTimer = 0;
        self.writeUrl(false);
      }, TYPING_DELAY);
    } else {
      // A query still being typed goes into the entry that is being left.
      this.commitTyping();
      this.apply(s);
      this.writeUrl(push);
    }
  };

  // Flush a pending typed query into the URL (replacing the current entry).
  Finder.prototype.commitTyping = function () {
    if (!this.typingTimer) return;
    clearTimeout(this.typingTimer);
    this.typingTimer = 0;
    this.writeUrl(false);
  };

  Finder.prototype.writeUrl = function (push) {
    // Never write into another page's history entry (instant navigation).
    if (!this.root.isConnected || location.pathname !== this.path) return;
    var hash = stateToHash(this.state);
    this.lastHash = hash;
    setUrl(hash, push);
  };

  // Apply a state and record it in the URL ("push", "replace" or none).
  Finder.prototype.update = function (s, history) {
    clearTimeout(this.typingTimer);
    this.typingTimer = 0;
    this.apply(s);
    if (history) this.writeUrl(history === "push");
  };

  // Called on popstate/hashchange and at init.
  Finder.prototype.fromUrl = function (hash) {
    if (hash === "#") hash = "";
    if (hash === this.lastHash) return;
    if (!isStateHash(hash)) return; // a plain anchor: leave the filters alone
    clearTimeout(this.typingTimer);
    this.typingTimer = 0;
    this.lastHash = hash;
    this.apply(parseHash(hash));
  };

  // Normalise a state object against the known values.
  Finder.prototype.clean = function (s) {
    var out = emptyState();
    s = s || {};
    for (var f = 0; f < FACETS.length; f++) {
      var facet = FACETS[f];
      var vals = s[facet] || [];
      if (typeof vals === "string") vals = vals.split(",");
      // keep the display order, drop unknown ids
      var seen = Object.create(null);
      for (var i = 0; i < vals.length; i++) {
        var k = this.valueIndex[facet][vals[i]];
        if (k !== undefined) seen[k] = true;
      }
      for (var k2 = 0; k2 < this.values[facet].length; k2++)
        if (seen[k2]) out[facet].push(this.values[facet][k2]);
    }
    out.q = typeof s.q === "string" ? s.q : "";
    out.sort = SORTS.indexOf(s.sort) >= 0 ? s.sort : DEFAULT_SORT;
    return out;
  };

  Finder.prototype.apply = function (input) {
    var s = this.clean(input);
    this.state = s;
    var n = this.total;
    var f, i, j, w;

    // 1. Text matches (cached while the words do not change).
    var ws = words(s.q);
    var key = ws.join(" ");
    var textOk = this.textOk;
    if (key !== this.textKey) {
      this.textKey = key;
      var text = this.text;
      for (i = 0; i < n; i++) {
        var ok = 1;
        for (j = 0; j < ws.length; j++) {
          if (text[i].indexOf(ws[j]) < 0) {
            ok = 0;
            break;
          }
        }
        textOk[i] = ok;
      }
    }

    // 2. Selected values as bitmasks.
    var nf = FACETS.length;
    var sel = new Array(nf);
    var active = new Array(nf);
    for (f = 0; f < nf; f++) {
      var facet = FACETS[f];
      var W = this.words[facet];
      var m = new Uint32Array(W);
      var vals = s[facet];
      for (j = 0; j < vals.length; j++) {
        var v = this.valueIndex[facet][vals[j]];
        m[v >>> 5] |= 1 << (v & 31);
      }
      sel[f] = m;
      active[f] = vals.length > 0;
    }

    // 3. One pass: which items show, and the counts per value.
    var counts = new Array(nf);
    for (f = 0; f < nf; f++) {
      counts[f] = this.counts[FACETS[f]];
      counts[f].fill(0);
    }
    var masks = new Array(nf), Ws = new Array(nf), flats = new Array(nf), offs = new Array(nf);
    for (f = 0; f < nf; f++) {
      masks[f] = this.masks[FACETS[f]];
      Ws[f] = this.words[FACETS[f]];
      flats[f] = this.flat[FACETS[f]];
      offs[f] = this.offsets[FACETS[f]];
    }
    var shown = this.shown;
    var items = this.items;
    var shownCount = 0;
    for (i = 0; i < n; i++) {
      var show = 0;
      if (textOk[i]) {
        var fails = 0, failed = -1;
        for (f = 0; f < nf && fails < 2; f++) {
          if (!active[f]) continue;
          var Wf = Ws[f], mk = masks[f], sf = sel[f], base = i * Wf, hit = false;
          for (w = 0; w < Wf; w++) {
            if (mk[base + w] & sf[w]) {
              hit = true;
              break;
            }
          }
          if (!hit) {
            fails++;
            failed = f;
          }
        }
        if (fails === 0) {
          show = 1;
          for (f = 0; f < nf; f++) {
            var fl = flats[f], c = counts[f];
            for (j = offs[f][i]; j < offs[f][i + 1]; j++) c[fl[j]]++;
          }
        } else if (fails === 1) {
          var fl1 = flats[failed], c1 = counts[failed];
          for (j = offs[failed][i]; j < offs[failed][i + 1]; j++) c1[fl1[j]]++;
        }
      }
      if (show) shownCount++;
      if (shown[i] !== show) {
        shown[i] = show;
        items[i].hidden = !show;
      }
    }
    this.shownCount = shownCount;

    // 4. Order.
    if (s.sort !== this.sort) this.reorder(s.sort);

    // 5. Controls, counts and status.
    this.render();
    return shownCount;
  };

  Finder.prototype.reorder = function (sort) {
    var target = this.orders[sort] || this.orders.report;
    this.sort = sort;
    var cur = this.currentOrder;
    var same = cur.length === target.length;
    for (var i = 0; same && i < cur.length; i++) if (cur[i] !== target[i]) same = false;
    if (same) return;
    var frag = document.createDocumentFragment();
    for (var j = 0; j < target.length; j++) frag.appendChild(this.items[target[j]]);
    this.list.appendChild(frag);
    this.currentOrder = target;
  };

  Finder.prototype.render = function () {
    var s = this.state;
    for (var f = 0; f < FACETS.length; f++) {
      var facet = FACETS[f];
      var chosen = Object.create(null);
      for (var j = 0; j < s[facet].length; j++) chosen[s[facet][j]] = true;
      var boxes = this.boxes[facet], countEls = this.countEls[facet];
      var labels = this.optionEls[facet], counts = this.counts[facet];
      for (var k = 0; k < boxes.length; k++) {
        if (boxes[k]) {
          var want = !!chosen[this.values[facet][k]];
          if (boxes[k].checked !== want) boxes[k].checked = want;
        }
        if (countEls[k]) {
          var txt = "(" + counts[k] + ")";
          if (countEls[k].textContent !== txt) countEls[k].textContent = txt;
        }
        if (labels[k]) {
          var none = counts[k] === 0;
          if (labels[k].classList.contains("kb-option-none") !== none)
            labels[k].classList.toggle("kb-option-none", none);
        }
      }
    }
    this.renderToggle();
    if (this.input && this.input.value !== s.q) this.input.value = s.q;
    if (this.sortSelect && this.sortSelect.value !== s.sort) this.sortSelect.value = s.sort;
    if (this.status) {
      var filtered = !!s.q.trim();
      for (var g = 0; g < FACETS.length; g++) if (s[FACETS[g]].length) filtered = true;
      var noun = this.total === 1 ? "practice" : "practices";
      var text = filtered
        ? this.shownCount + " of " + this.total + " " + noun
        : this.total + " " + noun;
      if (this.status.textContent !== text) this.status.textContent = text;
      this.root.classList.toggle("kb-filtered", filtered);
      this.root.classList.toggle("kb-none", this.shownCount === 0);
    }
  };

  /* ------------------------------------------------------------------ */
  /* Page wiring                                                        */

  // Mark absolute links that point into this site, so that the print
  // stylesheet prints the address only of external links (instant navigation
  // turns every relative link into an absolute one).
  function markInternalLinks() {
    var links = document.querySelectorAll('.md-content a[href^="http"]');
    for (var i = 0; i < links.length; i++) {
      var a = links[i];
      if (a.host === location.host) a.classList.add("kb-int");
    }
  }

  function init() {
    try {
      markInternalLinks();
    } catch (e) {
      /* not essential */
    }
    var root = document.getElementById("kb-finder");
    if (!root) {
      current = null;
      return;
    }
    if (root.kbFinder) {
      current = root.kbFinder; // already initialised on this page
      return;
    }
    var finder = new Finder(root);
    finder.path = location.pathname;
    root.kbFinder = finder;
    current = finder;
    finder.addToggle();
    if (finder.form) finder.form.hidden = false;
    root.classList.add("kb-ready");
    var hash = location.hash === "#" ? "" : location.hash;
    finder.lastHash = isStateHash(hash) ? hash : "";
    finder.apply(isStateHash(hash) ? parseHash(hash) : emptyState());
  }

  // The path of the last location Material's instant navigation went to.
  var materialPath = null;

  // Back/forward, a typed fragment, or (with instant navigation) a link to a
  // fragment of this page. Other pages are left to Material.
  function onHistory(url) {
    if (!current || !current.root.isConnected) return;
    var loc = url && typeof url.pathname === "string" ? url : location;
    if (loc.pathname !== current.path) return;
    current.fromUrl(loc.hash);
  }
  // A step back or forward between two filter states of this page is ours.
  // Handled here, Material's instant navigation must not see it: it would
  // re-fetch and re-render the page (the first time after a page load), and
  // keyboard focus would be lost. Material listens to popstate on window
  // before this script loads, so overrides/main.html registers an earlier
  // listener that calls window.kbPopstate and stops the event when it
  // returns true. Without that override, the listener below still handles it.
  function ownPopstate() {
    if (!current || !current.root.isConnected) return false;
    if (location.pathname !== current.path) return false;
    // Material is on its way to (or already on) another page: its business.
    if (materialPath !== null && materialPath !== current.path) return false;
    var hash = location.hash === "#" ? "" : location.hash;
    if (!isStateHash(hash)) return false;
    current.fromUrl(hash);
    return true;
  }
  window.kbPopstate = ownPopstate;
  window.addEventListener("popstate", ownPopstate);
  window.addEventListener("pagehide", function () {
    if (current && current.root.isConnected) current.commitTyping();
  });
  window.addEventListener("hashchange", function () {
    onHistory(null);
  });

  window.kbIndex = {
    loaded: true,
    facets: FACETS.slice(),
    // Apply a state object synchronously; returns the number shown.
    apply: function (state) {
      if (!current) return -1;
      current.update(state, null);
      return current.shownCount;
    },
    // The state currently applied (a copy).
    state: function () {
      return current ? JSON.parse(JSON.stringify(current.state)) : null;
    },
    total: function () {
      return current ? current.total : 0;
    },
    // Counts per facet value: {theme: {id: n}, ...}
    counts: function () {
      if (!current) return null;
      var out = {};
      for (var f = 0; f < FACETS.length; f++) {
        var facet = FACETS[f];
        out[facet] = {};
        for (var k = 0; k < current.values[facet].length; k++)
          out[facet][current.values[facet][k]] = current.counts[facet][k];
      }
      return out;
    },
    parseHash: parseHash,
    stateToHash: stateToHash,
    init: init
  };

  // Material emits every page (the first and each instant navigation) on
  // document$. Also run on DOMContentLoaded: Material 9.8.1 completes
  // document$ without a value on file:// when navigation.instant is enabled
  // (see overrides/main.html), and the page may not use Material at all.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () {
      init();
    });
    if (window.location$ && typeof window.location$.subscribe === "function") {
      window.location$.subscribe(function (url) {
        if (url && typeof url.pathname === "string") materialPath = url.pathname;
        onHistory(url);
      });
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
