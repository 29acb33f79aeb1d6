/*
 * kb-plan.js - the Plan section: a self-assessment and action plan kept in
 * this browser only (local storage, one key per site and language).
 *
 * One classic script (no modules, no fetch), so that it runs online and from
 * file:// in the offline bundle, under a Content-Security-Policy without
 * inline script. It holds no user-visible text: every string comes from the
 * page (data-kb-strings on the plan's root, generator/plan.py), and all text
 * from a plan file reaches the page through textContent only.
 *
 * The plan page (#kb-plan) lists the practices with the practice index's
 * filters (kb-index.js runs on it unchanged and fires "kb-index:render" on
 * #kb-finder after each filter); the status controls are added to an item
 * when it is first shown. The summary tables and charts are rendered by the
 * generator with every count at "not assessed"; a change updates only the
 * rows of the practice's stages and themes.
 *
 * The action plan page (#kb-action-plan) prints the assessed practices,
 * priorities first, grouped by stage, from the same storage.
 *
 * A plan file (export, import, storage) follows the JSON Schema of
 * generator/plan.py, which the page embeds (data-kb-schema): `validate`
 * reads its keywords, so the file and the check cannot drift apart.
 *
 * window.kbPlan: set(id, patch), entries(), summary(), exportDocument(),
 * importText(text, name, mode), validate(value), csvCell(text), csv().
 */
(() => {
  "use strict";

  if (window.kbPlan?.loaded) return;

  const SAVE_DELAY = 400; // ms of typing in a note before it is saved
  // A status change updates the summary at once and is saved just after: the
  // save writes the whole plan (about 1 MB with 5,000 practices assessed,
  // some 20 ms), which would otherwise be most of the time to the summary.
  // Quick changes in a row are saved once; leaving the page saves at once.
  const CHANGE_SAVE_DELAY = 100;
  const FACETS = ["stage", "theme"]; // the summaries
  let current = null;

  const element = (tag, className, text) => {
    const el = document.createElement(tag);
    if (className) el.className = className;
    if (text !== undefined) el.textContent = text;
    return el;
  };
  // "%(name)s" / "%(name)d" (Python's format, as in the message catalogues) -> values[name].
  const fill = (template, values) => String(template).replace(/%\((\w+)\)[sd]/g, (m, k) => (k in values ? String(values[k]) : m));
  const words = (text) => (text || "").split(/\s+/).filter(Boolean);
  const setText = (el, text) => el.textContent !== text && (el.textContent = text);
  const own = (object, key) => Object.prototype.hasOwnProperty.call(object, key);
  const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

  /* ---------------------------------------------------------------- */
  /* The plan file's schema: the keywords generator/plan.py uses       */

  const typeOf = (value) =>
    value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value === "number" ? "number" : typeof value;
  const codePoints = (text, limit) => (text.length <= limit ? text.length : [...text].length);

  // Problems of `value` against `schema`, as {path, kind, expected}; stops at `max`.
  function validate(schema, value, path = [], out = [], max = 20) {
    if (out.length >= max) return out;
    const add = (kind, expected, at = path) => out.length < max && out.push({ path: at, kind, expected });
    if (own(schema, "const") && value !== schema.const) return add("const", JSON.stringify(schema.const)), out;
    if (schema.enum && !schema.enum.includes(value)) return add("enum", schema.enum.map((v) => JSON.stringify(v)).join(", ")), out;
    if (schema.type) {
      const type = typeOf(value);
      if (!(type === schema.type || (schema.type === "number" && type === "integer"))) return add("type", schema.type), out;
    }
    if (typeof value === "string") {
      if (schema.maxLength !== undefined && codePoints(value, schema.maxLength) > schema.maxLength) add("maxLength", schema.maxLength);
      if (schema.minLength !== undefined && codePoints(value, schema.minLength) < schema.minLength) add("minLength", schema.minLength);
      if (schema.pattern !== undefined && !new RegExp(schema.pattern, "u").test(value)) add("pattern", schema.pattern);
    }
    if (typeof value === "number") {
      if (schema.minimum !== undefined && value < schema.minimum) add("minimum", schema.minimum);
      if (schema.maximum !== undefined && value > schema.maximum) add("maximum", schema.maximum);
    }
    if (isObject(value)) {
      const keys = Object.keys(value);
      if (schema.maxProperties !== undefined && keys.length > schema.maxProperties) return add("maxProperties", schema.maxProperties), out;
      for (const key of schema.required || []) if (!own(value, key)) add("required", key);
      const properties = schema.properties || {};
      for (const key of keys) {
        if (out.length >= max) break;
        if (schema.propertyNames) {
          const before = out.length;
          validate(schema.propertyNames, key, [...path, key], out, max);
          if (out.length > before) continue;
        }
        if (own(properties, key)) validate(properties[key], value[key], [...path, key], out, max);
        else if (schema.additionalProperties === false) add("additional", key);
        else if (isObject(schema.additionalProperties)) validate(schema.additionalProperties, value[key], [...path, key], out, max);
      }
    }
    return out;
  }

  /* ---------------------------------------------------------------- */
  /* CSV: the site's rule (generator/exports.py csv_cell)              */

  function csvCell(text, starts) {
    text = String(text ?? "");
    return starts.some((s) => text.startsWith(s)) ? "'" + text : text;
  }
  const csvField = (text) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

  /* ---------------------------------------------------------------- */
  /* Storage: per site (its root folder) and language                  */

  function storageKey(root) {
    const base = new URL(root.dataset.kbRoot || "./", location.href);
    return `${base.pathname}.kb-plan.${document.documentElement.lang || "en"}`;
  }

  // The stored entries, or {} (a stored value that fails the schema is put
  // aside under another key, never overwritten).
  function loadEntries(key, schema) {
    let raw = null;
    try {
      raw = localStorage.getItem(key);
      if (!raw) return { entries: {}, ok: true };
      const doc = JSON.parse(raw);
      if (validate(schema, doc).length === 0) return { entries: doc.practices, ok: true };
    } catch (e) {
      /* unreadable: put aside below */
    }
    try {
      localStorage.setItem(`${key}.unreadable`, raw);
    } catch (e) {
      /* nothing more to do */
    }
    return { entries: {}, ok: false };
  }

  function sortedEntries(entries) {
    return Object.fromEntries(Object.keys(entries).sort().map((id) => [id, entries[id]]));
  }

  const isEmpty = (e) => !e.status && !e.priority && !e.note && !e.owner && !e.target_date;

  // Several tables' files into one: an entry only one side has is taken; for
  // one both have, the later change wins, a priority on either side stays,
  // and two different notes are both kept.
  function merge(mine, theirs, maxNote) {
    const out = { ...mine };
    let added = 0;
    let combined = 0;
    for (const [id, other] of Object.entries(theirs)) {
      const here = out[id];
      if (!here) {
        out[id] = { ...other };
        added++;
        continue;
      }
      const [older, newer] = (here.updated || "") > (other.updated || "") ? [other, here] : [here, other];
      const entry = { ...older, ...newer, priority: Boolean(here.priority || other.priority) };
      for (const field of ["owner", "target_date", "title"]) if (!entry[field] && older[field]) entry[field] = older[field];
      const notes = [...new Set([older.note, newer.note].filter(Boolean))];
      const joined = notes.join("\n\n");
      if (notes.length > 1 && [...joined].length <= maxNote) entry.note = joined;
      out[id] = entry;
      combined++;
    }
    return { entries: out, added, combined };
  }

  function download(name, type, content) {
    const url = URL.createObjectURL(new Blob([content], { type }));
    const a = element("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  const today = () => new Date().toISOString().slice(0, 10);

  /* ---------------------------------------------------------------- */
  /* What both pages read from the page                                */

  class Base {
    constructor(root) {
      this.root = root;
      this.strings = JSON.parse(root.dataset.kbStrings);
      this.conf = JSON.parse(root.dataset.kbPlan);
      this.schema = JSON.parse(root.dataset.kbSchema);
      this.key = storageKey(root);
      const loaded = loadEntries(this.key, this.schema);
      this.entries = loaded.entries;
      this.storageOk = loaded.ok;
    }

    statusName(status) {
      return status ? this.strings.statuses[status] || status : this.strings.notAssessed;
    }
  }

  /* ---------------------------------------------------------------- */
  /* The plan page                                                     */

  class PlanPage extends Base {
    constructor(root) {
      super(root);
      this.finder = document.getElementById("kb-finder");
      this.list = this.finder.querySelector("#kb-results");
      this.message = root.querySelector("#kb-plan-message");
      this.progress = root.querySelector("#kb-plan-progress");
      this.items = new Map();
      // Every practice: the index keeps only the shown ones in the list.
      const indexed = window.kbIndex?.elements?.() || [];
      for (const li of indexed.length ? indexed : this.list.querySelectorAll(":scope > li.kb-item")) {
        const id = li.id.replace(/^p-/, "");
        this.items.set(id, {
          id,
          li,
          stage: words(li.dataset.stage),
          theme: words(li.dataset.theme),
          support: li.dataset.support || "",
          title: li.querySelector(".kb-item-title")?.textContent.trim() || id,
          cite: li.querySelector(".kb-item-cite")?.textContent.trim() || "",
          controls: null,
        });
      }
      this.names = this.readNames();
      this.readSummary();
      this.recount();
      this.renderAll();
      this.decorateShown();
      this.listen();
      if (!this.storageOk) this.say(this.strings.notSaved, true);
    }

    // Names of facet values, from the filter column (stage, theme, support).
    readNames() {
      const names = {};
      for (const fieldset of this.finder.querySelectorAll("fieldset.kb-facet[data-facet]")) {
        const facet = fieldset.dataset.facet;
        names[facet] = {};
        for (const box of fieldset.querySelectorAll("input[type=checkbox]")) {
          names[facet][box.value] = box.closest("label")?.querySelector(".kb-option-name")?.textContent.trim() || box.value;
        }
      }
      return names;
    }

    // The generator's summary tables and charts: per facet, per value, the
    // cell and the bar segment of each status.
    readSummary() {
      this.rows = {};
      for (const facet of FACETS) {
        this.rows[facet] = new Map();
        const section = this.root.querySelector(`.kb-plan-summary[data-facet="${facet}"]`);
        if (!section) continue;
        for (const tr of section.querySelectorAll("tbody tr[data-value]")) {
          const value = tr.dataset.value;
          const bar = section.querySelector(`.kb-chart-row[data-value="${CSS.escape(value)}"]`);
          const row = { cells: {}, segments: {}, total: 0 };
          for (const td of tr.querySelectorAll("td[data-status]")) row.cells[td.dataset.status] = td;
          for (const seg of bar ? bar.querySelectorAll(".kb-seg[data-status]") : []) row.segments[seg.dataset.status] = seg;
          this.rows[facet].set(value, row);
        }
      }
    }

    recount() {
      this.counts = {};
      for (const facet of FACETS) {
        this.counts[facet] = new Map();
        for (const value of this.rows[facet].keys()) this.counts[facet].set(value, this.emptyCounts());
      }
      for (const item of this.items.values()) this.count(item, this.entries[item.id]?.status || "", 1);
    }

    emptyCounts() {
      return Object.fromEntries(["", ...Object.keys(this.strings.statuses)].map((s) => [s, 0]));
    }

    count(item, status, delta) {
      for (const facet of FACETS) {
        for (const value of item[facet]) {
          const counts = this.counts[facet].get(value);
          if (counts) counts[status] = (counts[status] || 0) + delta;
        }
      }
    }

    renderRow(facet, value) {
      const row = this.rows[facet].get(value);
      const counts = this.counts[facet].get(value);
      if (!row || !counts) return;
      let total = 0;
      for (const n of Object.values(counts)) total += n;
      for (const [status, n] of Object.entries(counts)) {
        if (row.cells[status]) setText(row.cells[status], String(n));
        const seg = row.segments[status];
        if (seg) {
          const width = total ? `${(100 * n) / total}%` : "0%";
          if (seg.style.width !== width) seg.style.width = width;
        }
      }
    }

    renderAll() {
      for (const facet of FACETS) for (const value of this.rows[facet].keys()) this.renderRow(facet, value);
      this.renderProgress();
      this.renderRemoved();
    }

    renderProgress() {
      let assessed = 0;
      let priorities = 0;
      for (const id of this.items.keys()) {
        const e = this.entries[id];
        if (e?.status) assessed++;
        if (e?.priority) priorities++;
      }
      if (this.progress) setText(this.progress, fill(this.strings.assessed, { n: assessed, total: this.items.size, priorities }));
    }

    // Practices of the plan that the site no longer has: listed, kept, exported.
    renderRemoved() {
      const box = this.root.querySelector("#kb-plan-removed");
      if (!box) return;
      const gone = Object.keys(this.entries).filter((id) => !this.items.has(id)).sort();
      box.hidden = gone.length === 0;
      if (!gone.length) return box.replaceChildren();
      const list = element("ul");
      for (const id of gone) {
        const e = this.entries[id];
        const li = element("li");
        li.append(element("strong", "", e.title || id), ` (${id}): ${this.statusName(e.status)}`);
        if (e.note) li.append(element("span", "kb-plan-removed-note", ` \u2014 ${e.note}`));
        list.append(li);
      }
      box.replaceChildren(element("p", "", this.strings.removedIntro), list);
    }

    /* Controls of one practice, made when it is first shown. */

    decorateShown() {
      for (const item of this.items.values()) if (!item.li.hidden && !item.controls) this.decorate(item);
    }

    decorate(item) {
      const s = this.strings;
      const id = item.id;
      const box = element("div", "kb-plan-controls kb-noprint");
      const status = element("fieldset", "kb-plan-status");
      status.append(element("legend", "", s.status));
      const radios = {};
      // In the schema's order ("" first); the strings' keys come sorted.
      for (const value of this.schema.properties.practices.additionalProperties.properties.status.enum) {
        const label = element("label", "kb-plan-option");
        const input = element("input");
        input.type = "radio";
        input.name = `kb-status-${id}`;
        input.value = value;
        input.dataset.kbField = "status";
        radios[value] = input;
        label.append(input, " ", element("span", "", this.statusName(value)));
        status.append(label);
      }
      const priorityLabel = element("label", "kb-plan-priority");
      const priority = element("input");
      priority.type = "checkbox";
      priority.dataset.kbField = "priority";
      priorityLabel.append(priority, " ", element("span", "", s.priority));
      const details = element("details", "kb-plan-details");
      details.append(element("summary", "", s.details));
      const field = (tag, type, name, text, limit) => {
        const wrap = element("div", "kb-plan-field");
        const input = element(tag);
        if (type) input.type = type;
        input.id = `kb-${name}-${id}`;
        input.dataset.kbField = name;
        if (limit) input.maxLength = limit;
        const label = element("label", "", text);
        label.htmlFor = input.id;
        wrap.append(label, input);
        details.append(wrap);
        return input;
      };
      const entrySchema = this.schema.properties.practices.additionalProperties.properties;
      const note = field("textarea", null, "note", s.note, entrySchema.note.maxLength);
      note.rows = 3;
      const owner = field("input", "text", "owner", s.owner, entrySchema.owner.maxLength);
      const date = field("input", "date", "target_date", s.targetDate);
      box.append(status, priorityLabel, details);
      box.dataset.kbId = id;
      item.li.append(box);
      item.li.classList.add("kb-plan-decorated"); // see kb.css
      item.controls = { radios, priority, note, owner, date, details };
      this.renderControls(item);
    }

    renderControls(item) {
      const c = item.controls;
      if (!c) return;
      const e = this.entries[item.id] || {};
      const status = e.status || "";
      for (const [value, radio] of Object.entries(c.radios)) if (radio.checked !== (value === status)) radio.checked = value === status;
      c.priority.checked = Boolean(e.priority);
      if (c.note.value !== (e.note || "")) c.note.value = e.note || "";
      if (c.owner.value !== (e.owner || "")) c.owner.value = e.owner || "";
      if (c.date.value !== (e.target_date || "")) c.date.value = e.target_date || "";
      if (e.note || e.owner || e.target_date) c.details.open = true;
      item.li.classList.toggle("kb-plan-is-priority", Boolean(e.priority));
    }

    /* Changes */

    // One practice's entry changed: its rows of the summary, and storage.
    set(id, patch, { save = true } = {}) {
      const item = this.items.get(id);
      const before = this.entries[id] || { status: "", priority: false };
      const entry = { status: "", priority: false, ...before, ...patch, updated: new Date().toISOString() };
      if (item) entry.title = item.title;
      if (isEmpty(entry)) delete this.entries[id];
      else this.entries[id] = entry;
      if (item && (before.status || "") !== (entry.status || "")) {
        this.count(item, before.status || "", -1);
        this.count(item, entry.status || "", 1);
        for (const facet of FACETS) for (const value of item[facet]) this.renderRow(facet, value);
      }
      if (item) item.li.classList.toggle("kb-plan-is-priority", Boolean(entry.priority));
      this.renderProgress();
      if (save) this.saveLater(CHANGE_SAVE_DELAY);
    }

    save() {
      clearTimeout(this.saveTimer);
      this.saveTimer = 0;
      try {
        localStorage.setItem(this.key, JSON.stringify(this.planDocument()));
        return true;
      } catch (e) {
        this.say(this.strings.notSaved, true);
        return false;
      }
    }

    saveLater(delay = SAVE_DELAY) {
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.save(), delay);
    }

    // A save still waiting, now (leaving the page, an export, tests).
    flush() {
      if (this.saveTimer) this.save();
    }

    planDocument() {
      const doc = { format: this.conf.format, version: this.conf.version };
      if (this.root.dataset.kbBuildDate) doc.site_build_date = this.root.dataset.kbBuildDate;
      doc.exported = new Date().toISOString();
      doc.language = document.documentElement.lang || "en";
      doc.practices = sortedEntries(this.entries);
      return doc;
    }

    replaceEntries(entries) {
      this.entries = entries;
      this.recount();
      this.renderAll();
      for (const item of this.items.values()) this.renderControls(item);
      return this.save();
    }

    say(text, error = false) {
      if (!this.message) return;
      this.message.classList.toggle("kb-plan-error", error);
      this.message.textContent = text;
    }

    /* Files */

    exportJson() {
      download(`plan-${today()}.json`, "application/json", JSON.stringify(this.planDocument(), null, 2) + "\n");
    }

    csv() {
      const s = this.strings;
      const starts = this.conf.formulaStarts;
      const rows = [s.csvColumns];
      const line = (id, e, item) => [
        id,
        item ? item.title : e.title || "",
        this.statusName(e.status || ""),
        e.priority ? s.yes : s.no,
        e.note || "",
        e.owner || "",
        e.target_date || "",
        item ? item.stage.map((v) => this.names.stage?.[v] || v).join("; ") : "",
        item ? item.theme.map((v) => this.names.theme?.[v] || v).join("; ") : "",
        item ? this.names.support?.[item.support] || item.support : "",
        item ? item.cite : "",
        item ? s.yes : s.no,
      ];
      for (const item of this.items.values()) rows.push(line(item.id, this.entries[item.id] || {}, item));
      for (const id of Object.keys(this.entries).sort()) if (!this.items.has(id)) rows.push(line(id, this.entries[id], null));
      return "\ufeff" + rows.map((row) => row.map((cell) => csvField(csvCell(cell, starts))).join(",")).join("\r\n") + "\r\n";
    }

    exportCsv() {
      download(`plan-${today()}.csv`, "text/csv", this.csv());
    }

    // A file's text -> the plan, or a refusal that changes nothing.
    importText(text, name, mode) {
      const s = this.strings;
      const refuse = (reason) => (this.say(fill(s.refused, { file: name, reason }), true), false);
      let doc;
      try {
        doc = JSON.parse(text);
      } catch (e) {
        return refuse(s.notJson);
      }
      if (!isObject(doc) || doc.format !== this.conf.format) return refuse(s.notPlan);
      if (doc.version !== this.conf.version) return refuse(fill(s.wrongVersion, { found: JSON.stringify(doc.version) ?? "?", expected: this.conf.version }));
      const problems = validate(this.schema, doc, [], [], 3);
      if (problems.length) {
        const reason = problems
          .map((p) => {
            const expected = p.kind === "type" ? s.types[p.expected] || p.expected : p.expected;
            return fill(s.invalid, { path: p.path.join(" \u203a ") || "/", problem: fill(s.problems[p.kind] || p.kind, { expected }) });
          })
          .join(" ");
        return refuse(reason);
      }
      const incoming = doc.practices;
      const unknown = Object.keys(incoming).filter((id) => !this.items.has(id)).length;
      let text2;
      if (mode === "replace") {
        this.replaceEntries({ ...incoming });
        text2 = fill(s.imported, { n: Object.keys(incoming).length, file: name });
      } else {
        const merged = merge(this.entries, incoming, this.schema.properties.practices.additionalProperties.properties.note.maxLength);
        this.replaceEntries(merged.entries);
        text2 = fill(s.merged, { file: name, added: merged.added, combined: merged.combined });
      }
      if (unknown) text2 += " " + fill(s.importUnknown, { n: unknown });
      this.say(text2);
      return true;
    }

    async importFile(file, mode) {
      const s = this.strings;
      if (file.size > this.conf.maxFileBytes) {
        const mb = (n) => (n / 1e6).toFixed(1);
        this.say(fill(s.refused, { file: file.name, reason: fill(s.tooLarge, { size: mb(file.size), limit: mb(this.conf.maxFileBytes) }) }), true);
        return false;
      }
      return this.importText(await file.text(), file.name, mode);
    }

    listen() {
      // The finder shows other items after each filter (kb-index.js).
      this.finder.addEventListener("kb-index:render", () => this.decorateShown());
      this.list.addEventListener("change", (event) => {
        const input = event.target;
        const id = input.closest?.(".kb-plan-controls")?.dataset.kbId;
        if (!id || !input.dataset.kbField) return;
        const field = input.dataset.kbField;
        if (field === "status") this.set(id, { status: input.value });
        else if (field === "priority") this.set(id, { priority: input.checked });
        else this.set(id, { [field]: input.value });
      });
      this.list.addEventListener("input", (event) => {
        const input = event.target;
        const id = input.closest?.(".kb-plan-controls")?.dataset.kbId;
        if (!id || !["note", "owner"].includes(input.dataset.kbField)) return;
        this.set(id, { [input.dataset.kbField]: input.value }, { save: false });
        this.saveLater();
      });
      window.addEventListener("pagehide", () => this.flush());
      document.addEventListener("visibilitychange", () => document.visibilityState === "hidden" && this.flush());
      const on = (id, type, handler) => this.root.querySelector(`#${id}`)?.addEventListener(type, handler);
      on("kb-plan-export-json", "click", () => this.exportJson());
      on("kb-plan-export-csv", "click", () => this.exportCsv());
      on("kb-plan-import", "change", async (event) => {
        const input = event.target;
        const file = input.files?.[0];
        if (!file) return;
        const mode = this.root.querySelector('input[name="kb-plan-import-mode"]:checked')?.value || "merge";
        await this.importFile(file, mode);
        input.value = "";
      });
      const confirm = this.root.querySelector("#kb-plan-confirm");
      on("kb-plan-clear", "click", () => {
        if (!confirm) return;
        confirm.hidden = false;
        confirm.querySelector("button")?.focus();
      });
      on("kb-plan-clear-yes", "click", () => {
        this.replaceEntries({});
        confirm.hidden = true;
        this.say(this.strings.cleared);
        this.root.querySelector("#kb-plan-clear")?.focus();
      });
      on("kb-plan-clear-no", "click", () => {
        confirm.hidden = true;
        this.root.querySelector("#kb-plan-clear")?.focus();
      });
    }

    summary() {
      const out = {};
      for (const facet of FACETS) out[facet] = Object.fromEntries([...this.counts[facet]].map(([v, c]) => [v, { ...c }]));
      return out;
    }
  }

  /* ---------------------------------------------------------------- */
  /* The printable action plan                                         */

  class ActionPlan extends Base {
    constructor(root) {
      super(root);
      const s = this.strings;
      const source = root.querySelector("#kb-ap-source");
      const stages = [...root.querySelectorAll("#kb-ap-stages > li[data-value]")].map((li) => [li.dataset.value, li.textContent.trim()]);
      const sections = { priority: root.querySelector("#kb-ap-priorities"), other: root.querySelector("#kb-ap-others") };
      const groups = { priority: new Map(), other: new Map() };
      let assessed = 0;
      let left = 0;
      for (const li of source.querySelectorAll(":scope > li[data-id]")) {
        const e = this.entries[li.dataset.id];
        if (!e || isEmpty(e)) {
          left++;
          continue;
        }
        assessed++;
        const copy = li.cloneNode(true);
        copy.removeAttribute("id");
        const facts = element("dl", "kb-ap-facts");
        const fact = (term, value) => value && facts.append(element("dt", "", term), element("dd", "", value));
        fact(s.status, this.statusName(e.status));
        fact(s.note, e.note);
        fact(s.owner, e.owner);
        fact(s.targetDate, e.target_date);
        copy.querySelector(".kb-ap-title")?.after(facts);
        const kind = e.priority ? "priority" : "other";
        const stage = li.dataset.stage;
        if (!groups[kind].has(stage)) groups[kind].set(stage, []);
        groups[kind].get(stage).push(copy);
      }
      for (const kind of ["priority", "other"]) {
        const section = sections[kind];
        if (!section) continue;
        const parts = [];
        for (const [stage, name] of stages) {
          const found = groups[kind].get(stage);
          if (!found) continue;
          const list = element("ol", "kb-ap-list");
          list.append(...found);
          parts.push(element("h3", "", name), list);
        }
        if (!parts.length && kind === "priority") parts.push(element("p", "", s.noPriorities));
        section.hidden = !parts.length;
        section.append(...parts);
      }
      const status = root.querySelector("#kb-ap-status");
      if (status) status.textContent = assessed ? fill(s.apLeftOut, { n: left }) : s.apEmpty;
    }
  }

  /* ---------------------------------------------------------------- */
  /* Page wiring                                                       */

  function init() {
    const plan = document.getElementById("kb-plan");
    const actionPlan = document.getElementById("kb-action-plan");
    if (current && current.root !== plan) current.flush(); // instant navigation left the plan page
    if (plan && !plan.kbPlan) {
      plan.kbPlan = current = new PlanPage(plan);
      for (const el of plan.querySelectorAll(".kb-plan-js")) el.hidden = false;
    } else if (plan) current = plan.kbPlan;
    else current = null;
    if (actionPlan && !actionPlan.kbPlan) actionPlan.kbPlan = new ActionPlan(actionPlan);
  }

  window.kbPlan = {
    loaded: true,
    set: (id, patch) => current?.set(id, patch),
    flush: () => current?.flush(),
    entries: () => (current ? structuredClone(current.entries) : null),
    summary: () => current?.summary(),
    exportDocument: () => current?.planDocument(),
    importText: (text, name, mode) => current?.importText(text, name, mode),
    validate: (value) => (current ? validate(current.schema, value) : null),
    csvCell: (text) => csvCell(text, current ? current.conf.formulaStarts : []),
    csv: () => current?.csv(),
    storageKey: () => current?.key,
    init,
  };

  if (typeof window.document$?.subscribe === "function") window.document$.subscribe(init);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
