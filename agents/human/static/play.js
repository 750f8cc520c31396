// guigym play: turns a person's clicks, keys and written actions into action-language strings
// and sends them one at a time to the env (POST /api/action); the state is long-polled.
(() => {
  "use strict";
  const TOKEN = document.querySelector("meta[name=guigym-token]").content;
  const $ = (id) => document.getElementById(id);
  const stage = $("stage"), shot = $("shot");
  const play = { state: { version: -1 }, queue: [], busy: false };
  window.__play = play; // for debugging and tests

  const q = (s) => JSON.stringify(s); // a JSON string is a valid Python string literal
  const api = (path, opts = {}) =>
    fetch(path, { ...opts, headers: { "X-Guigym-Token": TOKEN, "Content-Type": "application/json" } });

  // ---- rendering ----
  let shownShot = -1;
  const render = (s) => {
    if (typeof s.version !== "number" || s.version < play.state.version) return;
    play.state = s;
    document.body.dataset.phase = s.phase || "";
    document.body.dataset.version = s.version;
    $("task").textContent = s.task_id ? `${s.task_id} (seed ${s.seed})` : "";
    $("step").textContent = s.phase ? `step ${s.step || 0}${s.max_steps ? " / " + s.max_steps : ""}` : "";
    $("status").textContent = { starting: "starting…", waiting: "your turn", acting: `running ${s.acting || ""}…`,
      over: "episode over" }[s.phase] || s.phase || "";
    $("url").textContent = s.url || "";
    $("instruction").textContent = s.instruction || s.message || "";
    const subs = $("subtasks");
    subs.replaceChildren(...(s.subtasks || []).map((t) => {
      const li = document.createElement("li");
      li.textContent = t.instruction || t.id;
      li.className = t.status || "";
      li.dataset.id = t.id;
      return li;
    }));
    $("error").hidden = !s.last_action_error;
    $("error").textContent = s.last_action_error ? "last action: " + s.last_action_error : "";
    if (s.has_screenshot !== false && s.phase !== "starting" && shownShot !== s.version &&
        (s.phase === "waiting" || s.phase === "over")) {
      shownShot = s.version;
      shot.src = `/api/screenshot?token=${encodeURIComponent(TOKEN)}&v=${s.version}`;
    }
    renderElements(s.elements || []);
    if (!(s.elements || []).length) $("hoverbox").hidden = true;
    $("log").replaceChildren(...(s.log || []).map((e) => {
      const li = document.createElement("li");
      li.textContent = e.action;
      return li;
    }));
    const over = $("over");
    over.hidden = s.phase !== "over";
    if (s.phase === "over" && s.result) {
      const r = s.result;
      over.className = r.success ? "" : "failed";
      over.textContent = r.error ? `Episode over with an error: ${r.error}` :
        `Episode over: ${r.success ? "success" : "not completed"} · completion ${r.cr ?? r.completion ?? ""}` +
        ` · ${r.steps ?? ""} steps` + (r.saved ? ` · saved to ${r.saved}` : "");
    }
    for (const w of play.waiters.splice(0)) w();
  };
  play.waiters = [];

  const size = () => play.state.size && play.state.size[0] ? play.state.size : [shot.naturalWidth, shot.naturalHeight];
  const renderElements = (els) => {
    const [W, H] = size();
    const list = $("elements"), boxes = $("boxes");
    const f = $("filter").value.trim().toLowerCase();
    list.replaceChildren(...els.filter((e) => !f || `${e.id} ${e.role} ${e.name}`.toLowerCase().includes(f))
      .map((e) => {
        const li = document.createElement("li");
        li.textContent = `${e.id} ${e.role} ${e.name ? q(e.name) : ""}`;
        li.dataset.id = e.id;
        li.addEventListener("click", () => { $("action").value = `click(${q(e.id)})`; $("action").focus(); });
        return li;
      }));
    boxes.replaceChildren();
    if (!$("showids").checked || !W) return;
    for (const e of els) {
      const d = document.createElement("div");
      d.className = "box";
      Object.assign(d.style, { left: `${(100 * e.x) / W}%`, top: `${(100 * e.y) / H}%`,
        width: `${(100 * e.w) / W}%`, height: `${(100 * e.h) / H}%` });
      const label = document.createElement("span");
      label.textContent = e.id;
      d.appendChild(label);
      boxes.appendChild(d);
    }
  };
  $("showids").addEventListener("change", () => renderElements(play.state.elements || []));
  $("filter").addEventListener("input", () => renderElements(play.state.elements || []));

  // ---- state: long poll ----
  const poll = async () => {
    for (;;) {
      try {
        const r = await api(`/api/state?after=${play.state.version}`);
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        render(await r.json());
      } catch (err) {
        $("status").textContent = "disconnected (the play session has ended?)";
        await new Promise((ok) => setTimeout(ok, 2000));
      }
    }
  };

  // ---- sending actions, one at a time ----
  const waitingTurn = () => (play.state.phase === "waiting" ? Promise.resolve() :
    new Promise((ok) => play.waiters.push(ok))).then(() => play.state.phase === "waiting" ||
    play.state.phase === "over" ? null : waitingTurn());
  const send = (action) => { play.queue.push(action); pump(); };
  const pump = async () => {
    if (play.busy) return;
    play.busy = true;
    try {
      while (play.queue.length) {
        await waitingTurn();
        if (play.state.phase === "over") { play.queue.length = 0; break; }
        const action = play.queue.shift();
        const r = await api("/api/action", { method: "POST", body: JSON.stringify({ action }) });
        const body = await r.json().catch(() => ({}));
        if (r.ok) { $("formerror").hidden = true; render(body); continue; }
        if (r.status === 409) { play.queue.unshift(action); await new Promise((ok) => play.waiters.push(ok)); continue; }
        $("formerror").hidden = false;
        $("formerror").textContent = `${action}: ${body.detail || r.status}`;
      }
    } finally {
      play.busy = false;
    }
  };
  play.send = send;

  // ---- screenshot input ----
  const point = (ev) => {
    const rect = shot.getBoundingClientRect();
    const [W, H] = size();
    const x = Math.round(((ev.clientX - rect.left) * W) / rect.width);
    const y = Math.round(((ev.clientY - rect.top) * H) / rect.height);
    return [Math.min(Math.max(x, 0), W - 1), Math.min(Math.max(y, 0), H - 1)];
  };
  let typed = "", typeTimer = null;
  const flushType = () => {
    clearTimeout(typeTimer);
    if (typed) send(`type(${q(typed)})`);
    typed = "";
  };
  stage.addEventListener("click", (ev) => {
    stage.focus();
    flushType();
    const [x, y] = point(ev);
    send(`click(${x}, ${y})`);
  });
  stage.addEventListener("contextmenu", (ev) => {
    ev.preventDefault();
    flushType();
    const [x, y] = point(ev);
    send(`right_click(${x}, ${y})`);
  });
  let wheel = { dx: 0, dy: 0, x: 0, y: 0, timer: null };
  stage.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const [x, y] = point(ev);
    Object.assign(wheel, { dx: wheel.dx + Math.round(ev.deltaX), dy: wheel.dy + Math.round(ev.deltaY), x, y });
    clearTimeout(wheel.timer);
    wheel.timer = setTimeout(() => {
      flushType();
      send(`scroll(${wheel.dx}, ${wheel.dy}, x=${wheel.x}, y=${wheel.y})`);
      wheel.dx = wheel.dy = 0;
    }, 250);
  }, { passive: false });
  const NAMED = new Set(["Enter", "Tab", "Backspace", "Delete", "Escape", "ArrowUp", "ArrowDown",
    "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown", "Insert", "F1", "F2", "F3",
    "F4", "F5", "F6", "F7", "F8", "F9", "F10", "F11", "F12"]);
  stage.addEventListener("keydown", (ev) => {
    if (["Shift", "Control", "Alt", "Meta", "CapsLock"].includes(ev.key)) return;
    const combo = ev.ctrlKey || ev.altKey || ev.metaKey;
    if (!combo && ev.key.length === 1) {
      ev.preventDefault();
      typed += ev.key;
      clearTimeout(typeTimer);
      typeTimer = setTimeout(flushType, 700);
      return;
    }
    if (!combo && !NAMED.has(ev.key)) return;
    ev.preventDefault();
    flushType();
    const mods = [ev.ctrlKey && "Control", ev.altKey && "Alt", ev.shiftKey && "Shift", ev.metaKey && "Meta"]
      .filter(Boolean);
    const key = ev.key.length === 1 ? ev.key.toLowerCase() : ev.key;
    send(`press(${q([...mods, key].join("+"))})`);
  });
  stage.addEventListener("mousemove", (ev) => {
    const [x, y] = point(ev);
    const hits = (play.state.elements || []).filter((e) => x >= e.x && x < e.x + e.w && y >= e.y && y < e.y + e.h);
    hits.sort((a, b) => a.w * a.h - b.w * b.h);
    const hb = $("hoverbox"), [W, H] = size();
    const e = hits[0];
    $("hover").textContent = `(${x}, ${y})` + (e ? ` ${e.id} ${e.role} ${e.name ? q(e.name) : ""}` : "");
    hb.hidden = !e;
    if (e) {
      Object.assign(hb.style, { left: `${(100 * e.x) / W}%`, top: `${(100 * e.y) / H}%`,
        width: `${(100 * e.w) / W}%`, height: `${(100 * e.h) / H}%` });
      hb.innerHTML = "";
      const label = document.createElement("span");
      label.textContent = e.id;
      hb.appendChild(label);
    }
  });
  stage.addEventListener("mouseleave", () => { $("hoverbox").hidden = true; });

  // ---- panel input ----
  $("actform").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const action = $("action").value.trim();
    if (!action) return;
    flushType();
    send(action);
    $("action").value = "";
  });
  for (const b of document.querySelectorAll("button[data-action]")) {
    b.addEventListener("click", () => { flushType(); send(b.dataset.action); });
  }
  $("failbtn").addEventListener("click", () => {
    const why = prompt("Why can the task not be done?");
    if (why !== null) { flushType(); send(`fail(${q(why)})`); }
  });
  $("quitbtn").addEventListener("click", async () => {
    if (confirm("Quit this episode? It is recorded as an agent error.")) await api("/api/quit", { method: "POST" });
  });

  poll();
})();
