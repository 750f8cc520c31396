// guigym in-page helper, injected into every document before its own scripts run.
// It keeps: stable element ids (data-gg-id), a settle monitor (DOM mutations, pending
// fetch/XHR, navigation start) and the observation walkers (axtree text, cleaned DOM).
// Everything lives under window.__gg; nothing here talks to the network.
(() => {
  if (window.__gg) return;
  const ATTR = "data-gg-id";
  const gg = {
    counter: 0,
    keyToId: new Map(),   // structural key -> id, so a re-rendered "same" element keeps its id
    lastMutation: performance.now(),
    pending: 0,
    navigating: 0,
  };
  Object.defineProperty(window, "__gg", { value: gg, enumerable: false });

  // ---- determinism: no animations, transitions or blinking caret ----
  const STYLE_CSS = "*,*::before,*::after{animation:none!important;transition:none!important;" +
    "caret-color:transparent!important;scroll-behavior:auto!important}";
  const addStyle = () => {
    if (document.getElementById("__gg_style")) return;
    const s = document.createElement("style");
    s.id = "__gg_style";
    s.textContent = STYLE_CSS;
    (document.head || document.documentElement).appendChild(s);
  };

  // ---- settle monitor ----
  const mo = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type !== "attributes" || r.attributeName !== ATTR) { gg.lastMutation = performance.now(); return; }
    }
  });
  const observe = () => {
    addStyle();
    mo.observe(document.documentElement, { subtree: true, childList: true, attributes: true,
      characterData: true });
  };
  if (document.documentElement) observe();
  else document.addEventListener("readystatechange", observe, { once: true });
  window.addEventListener("beforeunload", () => { gg.navigating = performance.now(); });
  addEventListener("scroll", () => { gg.lastMutation = performance.now(); }, { capture: true, passive: true });
  window.addEventListener("pageshow", () => { gg.navigating = 0; });
  const origFetch = window.fetch;
  if (origFetch) {
    window.fetch = function (...args) {
      gg.pending++;
      return origFetch.apply(this, args).finally(() => { gg.pending--; gg.lastMutation = performance.now(); });
    };
  }
  const origSend = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    gg.pending++;
    this.addEventListener("loadend", () => { gg.pending--; gg.lastMutation = performance.now(); }, { once: true });
    return origSend.apply(this, args);
  };

  // Resolve when the document has been quiet for `quiet` ms (no DOM change, no pending
  // request, loaded, not navigating away), or after `timeout` ms. Returns a short status.
  // Popups (target=_blank links, window.open) open in a new tab after a renderer starts, well
  // after the click; the env waits for that tab when this flag says one is coming.
  gg.popup = false;
  const popupClick = (e) => {
    const a = e.target && e.target.closest ? e.target.closest("a[href]") : null;
    if (!a) return;
    const target = (a.getAttribute("target") || "").toLowerCase();
    // a target=_blank link, or a link opened in a new tab/window by Ctrl/Shift/Meta or middle click
    if (!["", "_self", "_top", "_parent"].includes(target) || e.ctrlKey || e.shiftKey ||
        e.metaKey || e.button === 1) gg.popup = true;
  };
  document.addEventListener("click", popupClick, true);
  document.addEventListener("auxclick", popupClick, true);
  const origOpen = window.open;
  window.open = function (...args) { gg.popup = true; return origOpen.apply(this, args); };

  gg.settle = (quiet, timeout) => new Promise((done) => {
    const resolve = (status) => { const p = gg.popup; gg.popup = false; done(p ? status + ":popup" : status); };
    const start = performance.now();
    const tick = () => {
      const now = performance.now();
      const nav = gg.navigating && now - gg.navigating < 1500;
      const busy = nav || gg.pending > 0 || document.readyState !== "complete";
      if (!busy && now - gg.lastMutation >= quiet) return resolve("quiet");
      if (now - start >= timeout) return resolve(busy ? "busy" : "changing");
      setTimeout(tick, Math.min(quiet, Math.max(5, quiet - (now - gg.lastMutation))));
    };
    // one frame first so that layout and paint of the action's effect happen
    requestAnimationFrame(() => setTimeout(tick, 0));
  });

  // ---- element ids ----
  const SKIP = new Set(["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "META", "LINK", "HEAD", "TITLE", "BASE"]);
  const keyOf = (el, parentKey, index) => {
    const a = (n) => el.getAttribute(n) || "";
    return parentKey + ">" + el.tagName + "#" + a("id") + "|" + a("name") + "|" + a("type") +
      "|" + a("href") + "|" + a("aria-label") + "|" + a("role") + "@" + index;
  };
  // Give every element an id; an element without one whose structural key matches an id that
  // no connected element holds any more takes that id back (a re-render of the "same" element).
  gg.assign = () => {
    const root = document.body || document.documentElement;
    if (!root) return 0;
    const held = new Set();
    for (const el of root.querySelectorAll("[" + ATTR + "]")) {
      const id = el.getAttribute(ATTR);
      if (held.has(id)) el.removeAttribute(ATTR);  // cloned node: not the same element
      else held.add(id);
    }
    const walk = (el, parentKey) => {
      const counts = {};
      for (const child of el.children) {
        if (SKIP.has(child.tagName) || child.id === "__gg_style") continue;
        const n = (counts[child.tagName] = (counts[child.tagName] || 0) + 1);
        const key = keyOf(child, parentKey, n);
        if (!child.hasAttribute(ATTR)) {
          let id = gg.keyToId.get(key);
          if (!id || held.has(id)) id = "e" + (++gg.counter);
          child.setAttribute(ATTR, id);
          held.add(id);
        }
        gg.keyToId.set(key, child.getAttribute(ATTR));
        walk(child, key);
      }
    };
    walk(root, "");
    return gg.counter;
  };

  // ---- accessibility-ish text tree ----
  const INPUT_ROLES = { button: "button", submit: "button", reset: "button", image: "button",
    checkbox: "checkbox", radio: "radio", range: "slider", number: "spinbutton",
    search: "searchbox", file: "button", email: "textbox", tel: "textbox", text: "textbox",
    url: "textbox", password: "textbox", date: "textbox", "datetime-local": "textbox",
    time: "textbox", month: "textbox", week: "textbox", color: "button" };
  const TAG_ROLES = { A: "link", BUTTON: "button", SELECT: "combobox", TEXTAREA: "textbox",
    OPTION: "option", H1: "heading", H2: "heading", H3: "heading", H4: "heading", H5: "heading",
    H6: "heading", IMG: "img", UL: "list", OL: "list", LI: "listitem", TABLE: "table",
    TR: "row", TD: "cell", TH: "columnheader", NAV: "navigation", MAIN: "main", FORM: "form",
    HEADER: "banner", FOOTER: "contentinfo", ASIDE: "complementary", DIALOG: "dialog",
    FIELDSET: "group", LEGEND: "legend", P: "paragraph", LABEL: "label", SUMMARY: "button",
    DETAILS: "group", PROGRESS: "progressbar", HR: "separator", SECTION: "region",
    ARTICLE: "article", BLOCKQUOTE: "blockquote", CAPTION: "caption", DL: "list",
    DT: "term", DD: "definition", CODE: "code", PRE: "code" };
  const NAME_FROM_CONTENT = new Set(["link", "button", "heading", "option", "cell",
    "columnheader", "listitem", "tab", "menuitem", "legend", "label", "caption", "term",
    "paragraph", "code", "definition", "summary"]);
  const clean = (s) => (typeof s === "string" ? s : "").replace(/\s+/g, " ").trim();
  const cut = (s, n) => (s.length > n ? s.slice(0, n - 1) + "\u2026" : s);
  const hidden = (el) => {
    if (el.hidden || el.getAttribute("aria-hidden") === "true") return true;
    if (el.tagName === "INPUT" && el.type === "hidden") return true;
    const cs = getComputedStyle(el);
    return cs.display === "none" || cs.visibility === "hidden";
  };
  const roleOf = (el) => {
    const r = el.getAttribute("role");
    if (r) return r.split(" ")[0];
    if (el.tagName === "INPUT") return INPUT_ROLES[(el.type || "text").toLowerCase()] || "textbox";
    if (el.tagName === "A" && !el.hasAttribute("href")) return "";
    if (el.tagName === "SECTION" && !el.getAttribute("aria-label")) return "";
    return TAG_ROLES[el.tagName] || "";
  };
  const labelText = (el) => {
    const lb = el.getAttribute("aria-labelledby");
    if (lb) return clean(lb.split(/\s+/).map((i) => document.getElementById(i)?.textContent || "").join(" "));
    const al = el.getAttribute("aria-label");
    if (al) return clean(al);
    if (el.labels && el.labels.length) return clean([...el.labels].map((l) => l.innerText).join(" "));
    return "";
  };
  const nameOf = (el, role) => {
    let n = labelText(el);
    if (n) return n;
    if (el.tagName === "IMG") return clean(el.getAttribute("alt") || el.getAttribute("title"));
    if (el.tagName === "INPUT" && ["submit", "button", "reset"].includes(el.type)) return clean(el.value || el.type);
    if (NAME_FROM_CONTENT.has(role)) return clean(el.innerText);
    return clean(el.getAttribute("title") || el.getAttribute("placeholder") || "");
  };
  const stateOf = (el, role) => {
    const out = [];
    const t = el.tagName;
    if (t === "INPUT" || t === "TEXTAREA") {
      if (el.type === "checkbox" || el.type === "radio") out.push(el.checked ? "checked" : "unchecked");
      else if (el.type === "file") out.push("files=" + JSON.stringify([...(el.files || [])].map((f) => f.name).join(", ")));
      else if (el.type !== "password") out.push("value=" + JSON.stringify(cut(el.value || "", 200)));
      if (el.placeholder) out.push("placeholder=" + JSON.stringify(el.placeholder));
      if (el.required) out.push("required");
    }
    if (t === "SELECT") {
      const sel = [...el.selectedOptions].map((o) => clean(o.textContent));
      out.push("value=" + JSON.stringify(sel.join(", ")));
    }
    if (t === "OPTION" && el.selected) out.push("selected");
    if (role === "heading") out.push("level=" + (t[1] || el.getAttribute("aria-level") || "2"));
    if (el.disabled) out.push("disabled");
    if (el.getAttribute("aria-expanded")) out.push("expanded=" + el.getAttribute("aria-expanded"));
    if (el.getAttribute("aria-current")) out.push("current");
    if (t === "A" && el.getAttribute("href")) out.push("href=" + JSON.stringify(el.getAttribute("href")));
    if (document.activeElement === el && el !== document.body) out.push("focused");
    return out;
  };
  gg.axtree = () => {
    gg.assign();
    const lines = [];
    const walk = (node, depth) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          const tx = clean(child.textContent);
          if (tx) lines.push("  ".repeat(depth) + "text " + JSON.stringify(cut(tx, 300)));
          continue;
        }
        if (child.nodeType !== 1 || SKIP.has(child.tagName) || child.id === "__gg_style") continue;
        if (hidden(child)) continue;
        const role = roleOf(child);
        if (!role) { walk(child, depth); continue; }
        const name = nameOf(child, role);
        const parts = ["[" + child.getAttribute(ATTR) + "]", role];
        if (name) parts.push(JSON.stringify(cut(name, 300)));
        parts.push(...stateOf(child, role));
        lines.push("  ".repeat(depth) + parts.join(" "));
        // content already used as the name is not repeated as text lines
        if (NAME_FROM_CONTENT.has(role) && !child.querySelector("input,select,textarea,button,a[href],img,ul,ol,table"))
          continue;
        if (child.tagName === "SELECT") continue;
        walk(child, depth + 1);
      }
    };
    if (document.body) walk(document.body, 0);
    return lines.join("\n");
  };

  // ---- cleaned DOM ----
  const KEEP = new Set(["id", "name", "type", "href", "value", "placeholder", "role", "alt",
    "title", "for", "action", "method", "checked", "selected", "disabled", "required",
    "multiple", "src", ATTR]);
  const VOID = new Set(["INPUT", "IMG", "BR", "HR", "AREA", "SOURCE", "WBR", "COL", "EMBED"]);
  const esc = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  gg.dom = () => {
    gg.assign();
    const out = [];
    const walk = (node) => {
      for (const child of node.childNodes) {
        if (child.nodeType === 3) {
          const tx = clean(child.textContent);
          if (tx) out.push(esc(tx));
          continue;
        }
        if (child.nodeType !== 1 || SKIP.has(child.tagName) || child.id === "__gg_style") continue;
        if (child.tagName === "SVG" || child.tagName === "svg") continue;
        if (hidden(child)) continue;
        const tag = child.tagName.toLowerCase();
        let attrs = "";
        for (const a of child.attributes) {
          if (KEEP.has(a.name) || a.name.startsWith("aria-")) {
            if (a.name === "src" && a.value.startsWith("data:")) continue;
            attrs += " " + a.name + "=\"" + esc(cut(a.value, 200)).replace(/"/g, "&quot;") + "\"";
          }
        }
        if ((tag === "input" || tag === "textarea") && child.type !== "password" && child.value && !child.hasAttribute("value"))
          attrs += " value=\"" + esc(cut(child.value, 200)).replace(/"/g, "&quot;") + "\"";
        if (tag === "input" && child.checked && !child.hasAttribute("checked")) attrs += " checked";
        out.push("<" + tag + attrs + ">");
        if (VOID.has(child.tagName)) continue;
        walk(child);
        out.push("</" + tag + ">");
      }
    };
    if (document.body) walk(document.body);
    return "<body>" + out.join("") + "</body>";
  };

  // ---- element lookup for actions ----
  // Returns {x, y} of the element's visible centre after scrolling it into view, or an error.
  gg.locate = (id) => {
    gg.assign();
    const el = document.querySelector("[" + ATTR + "=\"" + CSS.escape(id) + "\"]");
    if (!el) return { error: "missing" };
    if (hidden(el)) return { error: "hidden" };
    el.scrollIntoView({ block: "nearest", inline: "nearest" });
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) return { error: "hidden" };
    const hits = (t) => t && (t === el || el.contains(t) || (el.labels && [...el.labels].some((l) => l.contains(t))));
    const centre = (b) => [Math.min(Math.max(b.left + b.width / 2, 0), innerWidth - 1),
      Math.min(Math.max(b.top + b.height / 2, 0), innerHeight - 1)];
    // The box's centre first; a link that wraps over two lines has its centre in the gap
    // between its line boxes, so then try the centre of each of its own rects.
    let [x, y] = centre(r);
    let top = document.elementFromPoint(x, y);
    if (!hits(top)) {
      for (const part of el.getClientRects()) {
        if (part.width === 0 || part.height === 0) continue;
        const [px, py] = centre(part);
        const t = document.elementFromPoint(px, py);
        if (hits(t)) { [x, y, top] = [px, py, t]; break; }
      }
    }
    const covered = top && !hits(top);
    return { x, y, tag: el.tagName, type: el.type || "", covered: !!covered,
      coveredBy: covered ? (top.getAttribute(ATTR) || top.tagName.toLowerCase()) : "" };
  };
  const byId = (id) => document.querySelector("[" + ATTR + "=\"" + CSS.escape(id) + "\"]");
  const NOTEXT = ["checkbox", "radio", "button", "submit", "reset", "file", "image", "range",
    "color", "hidden"];
  // What type() would type into: "ok", "none", "disabled" or "notext:<kind>".
  gg.typeTarget = () => {
    const e = document.activeElement;
    if (!e || e === document.body || e === document.documentElement) return "none";
    if (e.isContentEditable) return "ok";
    if (e.tagName === "TEXTAREA") return e.disabled || e.readOnly ? "disabled" : "ok";
    if (e.tagName === "INPUT") {
      const t = (e.type || "text").toLowerCase();
      if (NOTEXT.includes(t)) return "notext:" + t;
      return e.disabled || e.readOnly ? "disabled" : "ok";
    }
    return "notext:" + e.tagName.toLowerCase();
  };
  // Focus a text field and select its content, so inserted text replaces it.
  gg.focusSelect = (id) => {
    const el = byId(id);
    const t = el.tagName;
    const textual = t === "TEXTAREA" || el.isContentEditable ||
      (t === "INPUT" && !NOTEXT.includes((el.type || "text").toLowerCase()));
    if (!textual) return "element is a " + (t === "INPUT" ? el.type + " input" : t.toLowerCase()) +
      ", not a text field";
    if (el.disabled || el.readOnly) return "the field is disabled or read-only";
    el.focus();
    if (el.isContentEditable) {
      const r = document.createRange(); r.selectNodeContents(el);
      const s = getSelection(); s.removeAllRanges(); s.addRange(r);
    } else if (typeof el.select === "function" && !["date", "time", "month", "week",
      "datetime-local", "number", "email"].includes(el.type)) {
      el.select();
    } else {
      el.value = ""; el.dispatchEvent(new Event("input", { bubbles: true }));
    }
    return "ok";
  };
  // Indices of the wanted options (by label, value, or label ignoring case), or what is wrong.
  gg.selectInfo = (id, wanted) => {
    const el = byId(id);
    if (el.tagName !== "SELECT") return { error: "not a select box (" + el.tagName.toLowerCase() + ")" };
    const opts = [...el.options].map((o, i) => ({ i, label: o.label.trim(), value: o.value, disabled: o.disabled }));
    const idx = [];
    for (const w of wanted) {
      const m = opts.find((o) => o.label === w) || opts.find((o) => o.value === w) ||
        opts.find((o) => o.label.toLowerCase() === w.trim().toLowerCase());
      if (!m) return { missing: w, labels: opts.map((o) => o.label) };
      if (m.disabled) return { error: "option " + JSON.stringify(w) + " is disabled" };
      idx.push(m.i);
    }
    if (idx.length > 1 && !el.multiple) return { error: "this select takes one option" };
    return { idx };
  };
  // A label stands for its control (fill/select/check on "Quantity" reach the input).
  gg.controlOf = (id) => {
    const el = byId(id);
    if (el && el.tagName === "LABEL" && el.control) {
      gg.assign();
      return el.control.getAttribute(ATTR) || id;
    }
    return id;
  };
  // locate + label-to-control + focusSelect in one call (fill/clear are frequent).
  gg.prepareFill = (id) => {
    const found = gg.locate(id);
    if (found.error) return found;
    return { status: gg.focusSelect(gg.controlOf(id)) };
  };
  gg.kindOf = (id) => {
    const el = byId(id);
    return el.tagName === "INPUT" ? el.type : (el.getAttribute("role") || el.tagName.toLowerCase());
  };
  gg.nearIds = () => [...document.querySelectorAll("[" + ATTR + "]")].map((e) => e.getAttribute(ATTR));
})();
