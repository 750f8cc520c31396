// Mail: contacts autocomplete on To/Cc/Bcc, "select all" and auto-submitting selects in lists.
(function () {
  "use strict";

  function currentToken(value) {
    var parts = value.split(",");
    return parts[parts.length - 1].trim();
  }

  function replaceToken(value, address) {
    var parts = value.split(",");
    parts[parts.length - 1] = " " + address;
    return parts.map(function (p) { return p.trim(); }).filter(Boolean).join(", ") + ", ";
  }

  function setup(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var active = -1;
    var timer = null;
    var results = [];

    function close() {
      list.hidden = true;
      list.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function choose(i) {
      if (!results[i]) return;
      input.value = replaceToken(input.value, results[i].email);
      close();
      input.focus();
    }

    function highlight(i) {
      var items = list.querySelectorAll("li");
      items.forEach(function (li, k) { li.setAttribute("aria-selected", k === i ? "true" : "false"); });
      active = i;
      if (items[i]) input.setAttribute("aria-activedescendant", items[i].id);
    }

    function show(data) {
      results = data.results || [];
      list.innerHTML = "";
      if (!results.length) { close(); return; }
      results.forEach(function (r, i) {
        var li = document.createElement("li");
        li.id = list.id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = r.name;
        var span = document.createElement("span");
        span.className = "addr";
        span.textContent = " <" + r.email + ">";
        li.appendChild(span);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    input.addEventListener("input", function () {
      var q = currentToken(input.value);
      clearTimeout(timer);
      if (q.length < 2) { close(); return; }
      timer = setTimeout(function () {
        fetch("/api/contacts?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { results: [] }; })
          .then(show)
          .catch(close);
      }, 120);
    });
    input.addEventListener("keydown", function (e) {
      if (list.hidden) return;
      if (e.key === "ArrowDown") { e.preventDefault(); highlight(Math.min(active + 1, results.length - 1)); }
      else if (e.key === "ArrowUp") { e.preventDefault(); highlight(Math.max(active - 1, 0)); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); choose(active); }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-autocomplete]").forEach(setup);

  document.querySelectorAll("input[data-select-all]").forEach(function (box) {
    box.addEventListener("change", function () {
      var form = box.closest("form");
      form.querySelectorAll('input[name="message_id"]').forEach(function (c) { c.checked = box.checked; });
    });
  });

  document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
    sel.addEventListener("change", function () { if (sel.value) sel.form.requestSubmit(); });
  });
})();
