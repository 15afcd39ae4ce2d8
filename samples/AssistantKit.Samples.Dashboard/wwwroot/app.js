// AssistantKit dashboard: plain JavaScript, no build step. Talks to /realtime (docs/realtime-protocol.md) and /api.
"use strict";

const texts = {
  en: { category: "Category", allCategories: "All categories", myTemplates: "My templates", exportJson: "Export JSON", importJson: "Import JSON", customize: "Customize", name: "Name", instructions: "Instructions",
    temperature: "Temperature", save: "Save", version: "version", imported: "Imported", saved: "Saved", you: "you",
    title: "AssistantKit Dashboard", overview: "Overview", assistants: "Assistants", history: "Chat history", language: "Language",
    statistics: "Statistics", chooseCards: "Choose cards", health: "System health", cpu: "CPU", memory: "Memory", responseTime: "Response time",
    uptime: "Uptime", activity: "Activity", onlineUsers: "Online users", notifications: "Notifications", search: "Search",
    searchPlaceholder: "Search templates", close: "Close", batchExport: "Export selected as ZIP", conversation: "Conversation", messages: "Messages",
    exportTitle: "Export conversation", format: "Format", filter: "Messages", all: "All", user: "User", assistant: "Assistant",
    metadata: "Include metadata", timestamps: "Include timestamps", userInfo: "Include user info", from: "From", to: "To", cancel: "Cancel",
    export: "Export", connected: "Connected", reconnecting: "Reconnecting…", connecting: "Connecting…", examples: "Examples", moveUp: "Move up",
    stat_totalConversations: "Conversations", stat_messagesToday: "Messages today", stat_activeUsers: "Active users",
    stat_avgResponseSeconds: "Avg. response (s)", stat_templatesUsed: "Templates used", healthy: "healthy", warning: "warning", error: "error", nobody: "Nobody online",
    exports: "Exports", copies: "Copies of every short conversation", startExport: "Start export", started: "Started", progress: "Progress", state: "State", actions: "Actions",
    download: "Download", cancelJob: "Cancel", job_queued: "queued", job_running: "running", job_succeeded: "done", job_failed: "failed", job_cancelled: "cancelled",
    backgroundExport: "Export selected in the background", queued: "Export queued", schedules: "Scheduled exports", when: "When", timeZone: "Time zone",
    everyMonday: "Mondays 06:00", everyDay: "Daily 06:00", everyMinute: "Every minute", addSchedule: "Add schedule", next: "next", remove: "Delete", noJobs: "No exports yet", trend: "Last minutes",
    customizeLayout: "Customize", done: "Done", addWidget: "Add widget", add: "Add", layoutTemplate: "Start from", apply: "Apply", tpl_operations: "Operations",
    tpl_support: "Support lead", tpl_minimal: "Minimal", layoutHelp: "Drag widgets to reorder them, or focus one and move it with the arrow keys.",
    position: "position", of: "of", editTemplate: "Edit template", edit: "Edit", personality: "Personality", variables: "Variables (one per line: name=default)", exampleUser: "Example: user",
    exampleAssistant: "Example: assistant", preview: "Preview", showChanges: "Changes since the last version", savedVersion: "Saved: version", noChanges: "No earlier version",
    exportAs: "Export as…", copyLink: "Copy link", linkCopied: "Link copied", shortcuts: "Keyboard shortcuts", keyViews: "Overview, Assistants, Chat history, Exports",
    keySearch: "Search in this view", keyExport: "Export the focused conversation", keyMenu: "Menu of the focused row (or right click)", keyHelp: "This help", keyClose: "Close a menu or dialog",
    tag: "Tag", loadMore: "Load more", searchText: "Text", model: "Model", role: "Role", previous: "Previous", next: "Next", open: "Open", loading: "Loading…", makeWide: "Make wide", makeSmall: "Make small", removeWidget: "Remove", removed: "removed", status: "Status" },
  de: { category: "Kategorie", allCategories: "Alle Kategorien", myTemplates: "Meine Vorlagen", exportJson: "JSON exportieren", importJson: "JSON importieren", customize: "Anpassen", name: "Name", instructions: "Anweisungen",
    temperature: "Temperatur", save: "Speichern", version: "Version", imported: "Importiert", saved: "Gespeichert", you: "du",
    title: "AssistantKit-Dashboard", overview: "Übersicht", assistants: "Assistenten", history: "Chatverlauf", language: "Sprache",
    statistics: "Statistiken", chooseCards: "Karten wählen", health: "Systemzustand", cpu: "CPU", memory: "Speicher", responseTime: "Antwortzeit",
    uptime: "Laufzeit", activity: "Aktivität", onlineUsers: "Online", notifications: "Benachrichtigungen", search: "Suche",
    searchPlaceholder: "Vorlagen suchen", close: "Schließen", batchExport: "Auswahl als ZIP exportieren", conversation: "Unterhaltung", messages: "Nachrichten",
    exportTitle: "Unterhaltung exportieren", format: "Format", filter: "Nachrichten", all: "Alle", user: "Benutzer", assistant: "Assistent",
    metadata: "Metadaten einschließen", timestamps: "Zeitstempel einschließen", userInfo: "Benutzerinfos einschließen", from: "Von", to: "Bis", cancel: "Abbrechen",
    export: "Exportieren", connected: "Verbunden", reconnecting: "Verbindung wird wiederhergestellt…", connecting: "Verbinde…", examples: "Beispiele", moveUp: "Nach oben",
    stat_totalConversations: "Unterhaltungen", stat_messagesToday: "Nachrichten heute", stat_activeUsers: "Aktive Nutzer",
    stat_avgResponseSeconds: "Ø Antwort (s)", stat_templatesUsed: "Genutzte Vorlagen", healthy: "gesund", warning: "Warnung", error: "Fehler", nobody: "Niemand online",
    exports: "Exporte", copies: "Kopien jeder kurzen Unterhaltung", startExport: "Export starten", started: "Gestartet", progress: "Fortschritt", state: "Status", actions: "Aktionen",
    download: "Herunterladen", cancelJob: "Abbrechen", job_queued: "wartet", job_running: "läuft", job_succeeded: "fertig", job_failed: "fehlgeschlagen", job_cancelled: "abgebrochen",
    backgroundExport: "Auswahl im Hintergrund exportieren", queued: "Export eingereiht", schedules: "Geplante Exporte", when: "Wann", timeZone: "Zeitzone",
    everyMonday: "Montags 06:00", everyDay: "Täglich 06:00", everyMinute: "Jede Minute", addSchedule: "Plan hinzufügen", next: "nächster", remove: "Löschen", noJobs: "Noch keine Exporte", trend: "Letzte Minuten",
    customizeLayout: "Anpassen", done: "Fertig", addWidget: "Widget hinzufügen", add: "Hinzufügen", layoutTemplate: "Ausgehend von", apply: "Anwenden", tpl_operations: "Betrieb",
    tpl_support: "Support-Leitung", tpl_minimal: "Minimal", layoutHelp: "Widgets zum Umordnen ziehen, oder eines fokussieren und mit den Pfeiltasten verschieben.",
    position: "Position", of: "von", editTemplate: "Vorlage bearbeiten", edit: "Bearbeiten", personality: "Persönlichkeit", variables: "Variablen (eine je Zeile: name=Vorgabe)", exampleUser: "Beispiel: Benutzer",
    exampleAssistant: "Beispiel: Assistent", preview: "Vorschau", showChanges: "Änderungen seit der letzten Version", savedVersion: "Gespeichert: Version", noChanges: "Keine frühere Version",
    exportAs: "Exportieren als…", copyLink: "Link kopieren", linkCopied: "Link kopiert", shortcuts: "Tastenkürzel", keyViews: "Übersicht, Assistenten, Chatverlauf, Exporte",
    keySearch: "In dieser Ansicht suchen", keyExport: "Fokussierte Unterhaltung exportieren", keyMenu: "Menü der fokussierten Zeile (oder Rechtsklick)", keyHelp: "Diese Hilfe", keyClose: "Menü oder Dialog schließen",
    tag: "Schlagwort", loadMore: "Mehr laden", searchText: "Text", model: "Modell", role: "Rolle", previous: "Zurück", next: "Weiter", open: "Öffnen", loading: "Lädt…", makeWide: "Breit machen", makeSmall: "Schmal machen", removeWidget: "Entfernen", removed: "entfernt", status: "Status" },
};

// A demo identity per browser (the sample's DemoAuthentication); a real app signs people in its own way.
const people = ["Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Edsger", "Frances"];
const me = localStorage.getItem("ak.user") || `${people[Math.floor(Math.random() * people.length)]}${Math.floor(Math.random() * 90 + 10)}`;
localStorage.setItem("ak.user", me);
const api = (path, init = {}) => fetch(path, { ...init, headers: { ...(init.headers || {}), authorization: `Bearer demo:${me}` } });

const state = { lang: localStorage.getItem("ak.lang") || "en", stats: {}, layout: { version: 1, widgets: [] }, templates: {}, editing: false, users: new Map() };
const $ = (id) => document.getElementById(id);
const t = (key) => texts[state.lang][key] ?? texts.en[key] ?? key;
// Elements from properties and text only: data never becomes markup.
const el = (tag, { dataset, ...props } = {}, ...children) => {
  const e = Object.assign(document.createElement(tag), props);
  Object.assign(e.dataset, dataset);
  e.append(...children.map((c) => (typeof c === "number" ? String(c) : c)));
  return e;
};

function applyLanguage() {
  document.documentElement.lang = state.lang;
  document.querySelectorAll("[data-i18n]").forEach((e) => { e.textContent = t(e.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((e) => { e.placeholder = t(e.dataset.i18nPlaceholder); });
  $("language").value = state.lang;
  renderLayout(); updateStats(); renderConnection(); renderUsers(); loadTemplates(); renderJobs(); loadSchedules();
}

// ---- realtime client: reconnect with full jitter, heartbeat, resume after the last seq ----
const realtime = { socket: null, epoch: null, seq: null, attempt: 0, status: "connecting", lastFrame: 0 };
function connect() {
  const url = new URL("/realtime", location.href);
  url.protocol = location.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("access_token", `demo:${me}`);
  if (realtime.epoch !== null) { url.searchParams.set("lastSeq", realtime.seq); url.searchParams.set("epoch", realtime.epoch); }
  // Offer the batch subprotocol: under load a message then holds several frames, one per line.
  const socket = new WebSocket(url, ["assistantkit.batch"]);
  realtime.socket = socket;
  socket.onmessage = (message) => {
    realtime.lastFrame = Date.now();
    const frames = socket.protocol === "assistantkit.batch" ? message.data.split("\n") : [message.data];
    for (const frame of frames) handle(JSON.parse(frame));
  };
  socket.onclose = () => {
    if (realtime.socket !== socket) return;
    setStatus("reconnecting");
    const cap = Math.min(30000, 1000 * 2 ** realtime.attempt++);
    setTimeout(connect, Math.random() * cap);
  };
}
setInterval(() => {
  const socket = realtime.socket;
  if (socket?.readyState === WebSocket.OPEN) {
    socket.send(JSON.stringify({ type: "ping" }));
    if (Date.now() - realtime.lastFrame > 25000) socket.close();
  }
}, 10000);

function setStatus(status) { realtime.status = status; renderConnection(); }
function renderConnection() { const c = $("connection"); c.dataset.state = realtime.status; c.textContent = t(realtime.status); }

function handle(event) {
  switch (event.type) {
    case "welcome":
      if (realtime.epoch === null) {
        // First visit: ask for the last 200 events, so that cards, health and feeds fill at once. Until "resumed",
        // live events are dropped: the server sends them again after the replay (protocol rule).
        realtime.epoch = event.data.epoch;
        realtime.seq = Math.max(0, event.data.seq - 200);
        realtime.awaitingReplay = true;
        realtime.socket.send(JSON.stringify({ type: "resume", data: { after: realtime.seq, epoch: realtime.epoch } }));
      }
      realtime.attempt = 0; setStatus("connected"); loadPresence(); return;
    case "resumed": realtime.awaitingReplay = false; return;
    case "reset":
      realtime.awaitingReplay = false; realtime.epoch = event.data.epoch; realtime.seq = event.data.seq; loadPresence(); return;
    case "pong": case "subscribed": case "error": return;
  }
  if (realtime.awaitingReplay) return;
  if (event.seq) { if (event.seq <= realtime.seq) return; realtime.seq = event.seq; }
  const data = event.data;
  switch (event.type) {
    case "stats_update": state.stats = data.stats; remember(data.stats); updateStats(); break;
    case "export_progress": onProgress(data); break;
    case "system_health": renderHealth(data); break;
    case "activity": prepend($("activity"), data.timestamp, data.message, 30, data.id); break;
    case "notification": prepend($("notifications"), data.timestamp, `${data.title}: ${data.message}`, 10); break;
    case "user_status":
      if (data.status === "offline") state.users.delete(data.userId); else state.users.set(data.userId, data);
      renderUsers(); break;
  }
}

function prepend(list, timestamp, text, max, id) {
  const time = new Date(timestamp);
  list.prepend(el("li", { dataset: id ? { id } : {} }, el("time", { dateTime: timestamp, textContent: time.toLocaleTimeString(state.lang) }), text));
  while (list.children.length > max) list.lastChild.remove();
}

function renderHealth(health) {
  const p = health.performance;
  $("health-status").textContent = t(health.status);
  $("health-status").dataset.status = health.status;
  $("cpu").textContent = `${p.cpuUsage.toFixed(1)} %`;
  $("memory").textContent = `${p.memoryUsage.toFixed(1)} %`;
  $("response").textContent = `${p.responseTime.toFixed(1)} ms`;
  $("uptime").textContent = `${Math.floor(p.uptime / 60)} min ${Math.round(p.uptime % 60)} s`;
  $("alerts").replaceChildren(...health.alerts.map((a) => el("li", { textContent: a.message, dataset: { level: a.level } })));
}

function renderUsers() {
  const users = [...state.users.values()];
  $("users").replaceChildren(...(users.length ? users.map((u) => el("li", { textContent: `${u.userName ?? u.userId} (${u.connections})${u.userName === me ? ` · ${t("you")}` : ""}`, dataset: { user: u.userName ?? u.userId } })) : [el("li", { textContent: t("nobody"), className: "none" })]));
}

async function loadPresence() {
  const users = await (await api("/api/presence")).json();
  state.users = new Map(users.map((u) => [u.userId, u])); renderUsers();
}

// ---- overview widgets: the user adds, removes, resizes and orders them (mouse or keyboard); the layout is saved per user on the server ----
const statNames = ["totalConversations", "messagesToday", "activeUsers", "avgResponseSeconds", "templatesUsed"];
// The last five minutes of every value (one stats_update every 2 s), drawn under the number as a small line chart.
const history = new Map();
function remember(stats) {
  for (const [name, value] of Object.entries(stats)) {
    const points = history.get(name) ?? [];
    points.push(Number(value));
    if (points.length > 150) points.shift();
    history.set(name, points);
  }
}
const svg = (tag, attributes) => { const e = document.createElementNS("http://www.w3.org/2000/svg", tag); for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v); return e; };
function sparkline(name) {
  const points = history.get(name) ?? [];
  const chart = svg("svg", { viewBox: "0 0 100 28", preserveAspectRatio: "none", class: "spark", role: "img", "aria-label": `${t("trend")}: ${t(`stat_${name}`)}` });
  if (points.length < 2) return chart;
  const [min, max] = [Math.min(...points), Math.max(...points)];
  const y = (v) => (max === min ? 14 : 26 - ((v - min) / (max - min)) * 24).toFixed(2);
  chart.append(svg("polyline", { points: points.map((v, i) => `${((i / (points.length - 1)) * 100).toFixed(2)},${y(v)}`).join(" "), fill: "none", "vector-effect": "non-scaling-stroke" }));
  chart.dataset.points = points.length;
  return chart;
}

const titleKey = (id) => (id.startsWith("stat:") ? `stat_${id.slice(5)}` : { health: "health", activity: "activity", users: "onlineUsers", notifications: "notifications" }[id]);
const widgetContent = {
  health: () => [el("p", {}, el("span", { dataset: { i18n: "status" }, textContent: t("status") }), ": ", el("strong", { id: "health-status", textContent: "–" })),
    el("dl", { className: "metrics" }, ...[["cpu", "cpu"], ["memory", "memory"], ["responseTime", "response"], ["uptime", "uptime"]].flatMap(([key, id]) => [el("dt", { dataset: { i18n: key }, textContent: t(key) }), el("dd", { id, textContent: "–" })])),
    el("ul", { id: "alerts", className: "alerts" })],
  activity: () => [el("ol", { id: "activity", className: "feed", ariaLive: "polite" })],
  users: () => [el("ul", { id: "users", className: "users" })],
  notifications: () => [el("ul", { id: "notifications", className: "feed" })],
};
// Every widget is built once and kept (a feed keeps its items when it moves); those not on the layout wait on a hidden shelf.
const shelf = el("div", { id: "widget-shelf", hidden: true });
document.body.append(shelf);
const widgets = new Map();
for (const id of [...statNames.map((n) => `stat:${n}`), "health", "activity", "users", "notifications"]) {
  const stat = id.startsWith("stat:") ? id.slice(5) : null;
  const size = el("button", { type: "button", className: "widget-size" });
  const remove = el("button", { type: "button", className: "widget-remove", textContent: "×" });
  size.onclick = () => { const w = placed(id); w.size = w.size === "wide" ? "small" : "wide"; changed(id); };
  remove.onclick = () => { state.layout.widgets = state.layout.widgets.filter((w) => w.id !== id); changed(null); announce(`${t(titleKey(id))} ${t("removed")}`); };
  const widget = el("section", { className: stat ? "widget card" : "widget panel", role: "listitem", dataset: stat ? { widget: id, stat } : { widget: id } },
    el(stat ? "div" : "h2", { className: stat ? "label" : "", dataset: { i18n: titleKey(id) }, textContent: t(titleKey(id)) }),
    ...(stat ? [el("div", { className: "value", textContent: "–" }), sparkline(stat)] : widgetContent[id]()),
    el("div", { className: "widget-tools" }, size, remove));
  widget.addEventListener("dragstart", (e) => { e.dataTransfer.setData("text/plain", id); e.dataTransfer.effectAllowed = "move"; });
  widget.addEventListener("dragover", (e) => { if (state.editing) e.preventDefault(); });
  widget.addEventListener("drop", (e) => {
    e.preventDefault();
    const dragged = e.dataTransfer.getData("text/plain");
    if (dragged && dragged !== id) move(dragged, index(id));
  });
  widget.addEventListener("keydown", (e) => {
    if (!state.editing || e.target !== widget) return;
    const step = { ArrowUp: -1, ArrowLeft: -1, ArrowDown: 1, ArrowRight: 1 }[e.key];
    if (step) { e.preventDefault(); move(id, index(id) + step); }
    else if (e.key === "Delete") { e.preventDefault(); remove.click(); }
  });
  widgets.set(id, widget);
  shelf.append(widget);
}
const placed = (id) => state.layout.widgets.find((w) => w.id === id);
const index = (id) => state.layout.widgets.findIndex((w) => w.id === id);
function announce(text) { $("layout-live").textContent = text; }
function move(id, to) {
  const list = state.layout.widgets;
  const target = Math.max(0, Math.min(to, list.length - 1));
  if (target === index(id)) return;
  list.splice(target, 0, list.splice(index(id), 1)[0]);
  changed(id);
  announce(`${t(titleKey(id))}: ${t("position")} ${target + 1} ${t("of")} ${list.length}`);
}
function changed(focus) {
  renderLayout();
  api("/api/layout", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ version: 1, widgets: state.layout.widgets }) });
  if (focus) widgets.get(focus).focus();
}
function renderLayout() {
  const onLayout = new Set(state.layout.widgets.map((w) => w.id));
  for (const [id, widget] of widgets) if (!onLayout.has(id)) shelf.append(widget);
  $("widgets").replaceChildren(...state.layout.widgets.map((w) => {
    const widget = widgets.get(w.id);
    widget.classList.toggle("wide", w.size === "wide");
    widget.draggable = state.editing;
    widget.tabIndex = state.editing ? 0 : -1;
    widget.ariaLabel = t(titleKey(w.id));
    const size = widget.querySelector(".widget-size");
    size.textContent = w.size === "wide" ? "⇤" : "⇥";
    size.ariaLabel = `${t(w.size === "wide" ? "makeSmall" : "makeWide")}: ${t(titleKey(w.id))}`;
    widget.querySelector(".widget-remove").ariaLabel = `${t("removeWidget")}: ${t(titleKey(w.id))}`;
    return widget;
  }));
  $("overview").classList.toggle("editing", state.editing);
  $("layout-tools").hidden = $("layout-help").hidden = !state.editing;
  $("customize-layout").textContent = t(state.editing ? "done" : "customizeLayout");
  $("customize-layout").setAttribute("aria-pressed", String(state.editing));
  $("widget-add").replaceChildren(...[...widgets.keys()].filter((id) => !onLayout.has(id)).map((id) => el("option", { value: id, textContent: t(titleKey(id)) })));
}
function updateStats() {
  for (const name of statNames) {
    const widget = widgets.get(`stat:${name}`);
    widget.querySelector(".value").textContent = state.stats[name] === undefined ? "–" : Number(state.stats[name]).toLocaleString(state.lang);
    widget.querySelector("svg.spark").replaceWith(sparkline(name));
  }
}
async function loadLayout() {
  const [layout, templates] = await Promise.all([api("/api/layout").then((r) => r.json()), api("/api/layout/templates").then((r) => r.json())]);
  state.layout = layout;
  state.templates = templates;
  renderLayout();
}
$("customize-layout").onclick = () => { state.editing = !state.editing; renderLayout(); };
$("widget-add-go").onclick = () => { const id = $("widget-add").value; if (id) { state.layout.widgets.push({ id, size: "small" }); changed(id); } };
$("layout-template-go").onclick = () => { state.layout.widgets = structuredClone(state.templates[$("layout-template").value]); changed(null); };

// ---- assistants: gallery, search, preview ----
let searchTimer, templatePage = 1;
// The gallery a page at a time: "Load more" asks for the next one (searching starts again at the first).
async function loadTemplates(more = false) {
  templatePage = more ? templatePage + 1 : 1;
  const query = new URLSearchParams({ culture: state.lang, q: $("template-search").value.trim(), category: $("template-category").value, tag: $("template-tag").value.trim(), page: templatePage, pageSize: 12 });
  const result = await (await api(`/api/templates?${query}`)).json();
  $("templates-more").hidden = !result.hasMore;
  const cards = result.items.map((tpl) => {
    const card = el("article", { className: "template", dataset: { id: tpl.id } },
      el("span", { className: "category", textContent: tpl.category }),
      el("h3", { textContent: tpl.name }),
      el("p", { textContent: tpl.description }),
      el("div", { className: "tags" }, ...tpl.tags.map((tag) => el("span", { textContent: tag }))));
    const preview = el("button", { type: "button", textContent: t("examples") });
    preview.onclick = () => {
      $("template-preview").replaceChildren(el("h3", { textContent: tpl.name }), el("p", { textContent: tpl.description }),
        ...tpl.examples.flatMap((e) => [el("p", {}, el("strong", { textContent: `${t("user")}: ` }), e.user), el("p", {}, el("strong", { textContent: `${t("assistant")}: ` }), e.assistant)]));
      customizing = tpl;
      $("customize-form").elements.name.value = `${tpl.name} (${me})`;
      $("template-dialog").showModal();
    };
    card.append(preview);
    return card;
  });
  if (more) $("templates").append(...cards); else $("templates").replaceChildren(...cards);
}
let customizing = null;
async function loadMyTemplates() {
  const mine = await (await api("/api/my-templates")).json();
  $("my-templates").replaceChildren(...mine.map((m) => {
    const edit = el("button", { type: "button", className: "edit", textContent: t("edit"), ariaLabel: `${t("edit")}: ${m.name}` });
    edit.onclick = () => openEditor(m.id);
    return el("li", { dataset: { id: m.id } }, `${m.name} — ${t("version")} ${m.version} `, edit);
  }));
}
$("template-dialog").addEventListener("close", async () => {
  if ($("template-dialog").returnValue !== "save" || !customizing) return;
  const form = $("customize-form").elements;
  const response = await api(`/api/templates/${encodeURIComponent(customizing.id)}/customize`, { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: form.name.value || null, instructions: form.instructions.value || null, temperature: form.temperature.value ? Number(form.temperature.value) : null, culture: state.lang }) });
  $("templates-message").textContent = response.ok ? `${t("saved")}: ${(await response.json()).name}` : await response.text();
  loadMyTemplates();
});
$("templates-export").onclick = async () => download(await api("/api/my-templates/export"));
$("templates-import").onchange = async () => {
  const file = $("templates-import").files[0];
  if (!file) return;
  const response = await api("/api/my-templates/import", { method: "POST", headers: { "content-type": "application/json" }, body: await file.text() });
  $("templates-message").textContent = response.ok ? `${t("imported")}: ${(await response.json()).imported}` : await response.text();
  $("templates-import").value = "";
  loadMyTemplates();
};
$("template-category").onchange = () => loadTemplates();
$("template-tag").oninput = () => { clearTimeout(searchTimer); searchTimer = setTimeout(loadTemplates, 150); };
$("templates-more").onclick = () => loadTemplates(true);
$("template-search").oninput = () => { clearTimeout(searchTimer); searchTimer = setTimeout(loadTemplates, 150); };

// ---- template editor: live preview (debounced) of what the SDK renders, errors at their field, versions and a diff ----
const editor = { template: null, timer: 0, request: 0 };
async function openEditor(id) {
  const pack = await (await api(`/api/my-templates/${encodeURIComponent(id)}`)).json();
  editor.template = pack.templates[0];
  const f = $("editor-form").elements, tpl = editor.template;
  f.name.value = tpl.name ?? "";
  f.personality.value = tpl.personality ?? "";
  f.instructions.value = tpl.instructions ?? "";
  f.variables.value = (tpl.variables ?? []).map((v) => `${v.name}=${v.default ?? ""}`).join("\n");
  f.exampleUser.value = tpl.examples?.[0]?.user ?? "";
  f.exampleAssistant.value = tpl.examples?.[0]?.assistant ?? "";
  $("editor-diff").replaceChildren(); $("editor-message").textContent = "";
  $("editor").showModal();
  preview();
}
function draft() {
  const f = $("editor-form").elements;
  const variables = f.variables.value.split("\n").filter((l) => l.trim()).map((line) => {
    const at = line.indexOf("=");
    const [name, value] = at < 0 ? [line, ""] : [line.slice(0, at), line.slice(at + 1)];
    return value.trim() ? { name: name.trim(), default: value.trim() } : { name: name.trim() };
  });
  const examples = f.exampleUser.value || f.exampleAssistant.value ? [{ user: f.exampleUser.value, assistant: f.exampleAssistant.value }] : [];
  return { ...editor.template, name: f.name.value, personality: f.personality.value, instructions: f.instructions.value, variables, examples };
}
const fieldOf = (path) => (/^\$\.(name|personality|instructions|variables|examples)\b/.exec(path)?.[1] ?? "general");
function showErrors(errors) {
  const byField = new Map();
  for (const e of errors) byField.set(fieldOf(e.path), [...(byField.get(fieldOf(e.path)) ?? []), e.message]);
  for (const field of ["name", "personality", "instructions", "variables", "examples", "general"]) {
    $(`err-${field}`).textContent = (byField.get(field) ?? []).join(" ");
    const input = $("editor-form").elements[field] ?? $("editor-form").elements[field === "examples" ? "exampleUser" : ""];
    if (input) input.setAttribute("aria-invalid", String(byField.has(field)));
  }
}
async function preview() {
  const request = ++editor.request;
  const result = await (await api("/api/templates/preview", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(draft()) })).json();
  if (request !== editor.request) return; // a newer keystroke's answer wins
  showErrors(result.errors ?? []);
  if (result.errors?.length) return;
  $("preview-prompt").textContent = result.systemPrompt;
  $("preview-messages").replaceChildren(...result.messages.filter((m) => m.role !== "system").map((m) => el("li", { dataset: { role: m.role } }, el("strong", { textContent: `${t(m.role)}: ` }), m.text)));
}
$("editor-form").addEventListener("input", () => { clearTimeout(editor.timer); editor.timer = setTimeout(preview, 300); });
$("editor-save").onclick = async () => {
  const response = await api(`/api/my-templates/${encodeURIComponent(editor.template.id)}`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(draft()) });
  const body = await response.json();
  if (!response.ok) { showErrors(body.errors ?? []); return; }
  $("editor-message").textContent = `${t("savedVersion")} ${body.version}`;
  loadMyTemplates();
};
$("editor-diff-go").onclick = async () => {
  const changes = await (await api(`/api/my-templates/${encodeURIComponent(editor.template.id)}/diff`)).json();
  $("editor-diff").replaceChildren(...(changes.length ? changes.map((c) => el("li", { dataset: { field: c.field } }, el("strong", { textContent: `${c.field}: ` }), el("del", { textContent: c.before ?? "–" }), " → ", el("ins", { textContent: c.after ?? "–" })))
    : [el("li", { className: "none", textContent: t("noChanges") })]));
};
$("editor-close").onclick = () => $("editor").close();

// ---- chat history: export dialog and batch export ----
let exporting = null;
const historyList = { page: 1, pageSize: 25, total: 0 };
async function loadConversations() {
  const query = new URLSearchParams([...new FormData($("search-form"))].filter(([, v]) => v !== ""));
  query.set("page", historyList.page); query.set("pageSize", historyList.pageSize);
  const result = await (await api(`/api/conversations?${query}`)).json();
  historyList.total = result.total;
  $("conversations").replaceChildren(...result.items.map((c) => {
    const button = el("button", { type: "button", textContent: t("export"), className: "export", dataset: { id: c.id } });
    button.onclick = () => { exporting = c.id; $("export-dialog").showModal(); };
    const open = el("button", { type: "button", className: "open link", textContent: c.title, dataset: { id: c.id } });
    open.onclick = () => openViewer(c);
    const row = el("tr", { dataset: { id: c.id }, tabIndex: 0, ariaLabel: c.title }, el("td", {}, el("input", { type: "checkbox", value: c.id, ariaLabel: c.title })), el("td", {}, open), el("td", { textContent: c.messages.toLocaleString(state.lang) }), el("td", {}, button));
    row.conversation = c;
    row.addEventListener("contextmenu", (e) => { e.preventDefault(); openMenu(row, e.clientX, e.clientY); });
    row.addEventListener("keydown", (e) => {
      if (e.target !== row) return;
      if ((e.shiftKey && e.key === "F10") || e.key === "ContextMenu") { e.preventDefault(); const box = row.getBoundingClientRect(); openMenu(row, box.left + 24, box.bottom); }
      else if (e.key === "Enter") { e.preventDefault(); openViewer(c); }
    });
    return row;
  }));
  const first = result.total === 0 ? 0 : (result.page - 1) * result.pageSize + 1;
  $("page-info").textContent = `${first}–${Math.min(result.total, result.page * result.pageSize)} ${t("of")} ${result.total}`;
  $("page-prev").disabled = result.page <= 1;
  $("page-next").disabled = result.page * result.pageSize >= result.total;
}
$("search-form").onsubmit = (e) => { e.preventDefault(); historyList.page = 1; loadConversations(); };
$("page-prev").onclick = () => { historyList.page--; loadConversations(); };
$("page-next").onclick = () => { historyList.page++; loadConversations(); };

// ---- conversation viewer: only the rows on screen are in the page; messages are fetched a window at a time ----
// Markdown, safely: code spans, code blocks and bold become elements whose text is set as text; nothing is parsed as HTML.
function markdown(text) {
  const fragment = document.createDocumentFragment();
  text.split(/```/).forEach((part, i) => {
    if (i % 2 === 1) { fragment.append(el("pre", {}, el("code", { textContent: part.replace(/^[^\n]*\n/, "") }))); return; }
    for (const token of part.split(/(`[^`]+`|\*\*[^*]+\*\*)/)) {
      if (token.startsWith("`") && token.endsWith("`") && token.length > 1) fragment.append(el("code", { textContent: token.slice(1, -1) }));
      else if (token.startsWith("**") && token.endsWith("**") && token.length > 3) fragment.append(el("strong", { textContent: token.slice(2, -2) }));
      else if (token) fragment.append(token);
    }
  });
  return fragment;
}
const ROW = 88, WINDOW = 200, OVERSCAN = 8;
const viewer = { id: null, total: 0, pages: new Map(), frame: 0 };
async function openViewer(conversation) {
  Object.assign(viewer, { id: conversation.id, total: conversation.messages, pages: new Map() });
  $("viewer-title").textContent = conversation.title;
  $("viewer-space").style.height = `${viewer.total * ROW}px`;
  $("viewer-space").replaceChildren();
  $("viewer").showModal();
  $("viewer-scroll").scrollTop = 0;
  renderViewer();
  $("viewer-scroll").focus();
}
function loadWindow(page) {
  if (viewer.pages.has(page)) return;
  const id = viewer.id;
  viewer.pages.set(page, null);
  $("viewer-scroll").setAttribute("aria-busy", "true");
  api(`/api/conversations/${encodeURIComponent(id)}/messages?offset=${page * WINDOW}&limit=${WINDOW}`).then((r) => r.json()).then((result) => {
    if (viewer.id !== id) return;
    viewer.pages.set(page, result.items);
    $("viewer-scroll").setAttribute("aria-busy", "false");
    renderViewer();
  });
}
function renderViewer() {
  const scroll = $("viewer-scroll");
  const first = Math.max(0, Math.floor(scroll.scrollTop / ROW) - OVERSCAN);
  const last = Math.min(viewer.total - 1, Math.ceil((scroll.scrollTop + scroll.clientHeight) / ROW) + OVERSCAN);
  const rows = [];
  for (let i = first; i <= last; i++) {
    const page = Math.floor(i / WINDOW);
    const message = viewer.pages.get(page)?.[i - page * WINDOW];
    if (!viewer.pages.has(page)) loadWindow(page);
    const row = el("article", { className: "message", dataset: { index: i, role: message?.role ?? "" }, ariaPosInSet: i + 1, ariaSetSize: viewer.total },
      el("div", { className: "who", textContent: message ? `#${i + 1} · ${t(message.role)}${message.model ? ` · ${message.model}` : ""}` : `#${i + 1}` }),
      message ? el("div", { className: "text" }, markdown(message.content)) : el("div", { className: "text muted", textContent: t("loading") }));
    row.style.top = `${i * ROW}px`;
    rows.push(row);
  }
  $("viewer-space").replaceChildren(...rows);
}
$("viewer-scroll").addEventListener("scroll", () => {
  if (viewer.frame) return;
  viewer.frame = requestAnimationFrame(() => { viewer.frame = 0; renderViewer(); });
}, { passive: true });

function exportChoices() {
  const form = new FormData($("export-form"));
  return { format: form.get("format"), filter: form.get("filter"), metadata: form.has("metadata"), timestamps: form.has("timestamps"), userInfo: form.has("userInfo"), from: form.get("from") || null, to: form.get("to") || null, culture: state.lang };
}

async function download(response) {
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)/i.exec(response.headers.get("content-disposition") || "")?.[1] ?? "export";
  const link = el("a", { href: URL.createObjectURL(await response.blob()), download: decodeURIComponent(name) });
  document.body.append(link); link.click(); link.remove();
}

$("export-dialog").addEventListener("close", async () => {
  if ($("export-dialog").returnValue !== "export" || !exporting) return;
  const query = new URLSearchParams(Object.entries(exportChoices()).filter(([, v]) => v !== null).map(([k, v]) => [k, String(v)]));
  await download(await api(`/api/conversations/${encodeURIComponent(exporting)}/export?${query}`));
});
$("batch-export").onclick = async () => {
  const ids = [...document.querySelectorAll("#conversations input:checked")].map((b) => b.value);
  const response = await api("/api/export/batch", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ ids, options: exportChoices() }) });
  if (response.ok) await download(response);
};

$("background-export").onclick = async () => {
  const ids = [...document.querySelectorAll("#conversations input:checked")].map((b) => b.value);
  const c = exportChoices();
  const options = { format: c.format, messageFilter: c.filter.toLowerCase(), includeMetadata: c.metadata, includeTimestamps: c.timestamps, includeUserInfo: c.userInfo, culture: c.culture,
    dateRange: c.from || c.to ? { start: c.from ? `${c.from}T00:00:00Z` : null, end: c.to ? `${c.to}T23:59:59Z` : null } : null };
  if (await queueExport(ids, options)) show("exports");
};

// ---- exports: background jobs with live progress (export_progress events), downloads, schedules ----
const jobs = new Map();
async function queueExport(conversationIds, options) {
  const response = await api("/api/exports", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ conversationIds, options }) });
  const body = await response.json();
  $("exports-message").textContent = response.ok ? t("queued") : body.detail;
  if (response.ok) { jobs.set(body.id, body); renderJobs(); }
  return response.ok;
}
async function loadJobs() {
  const response = await api("/api/exports");
  if (!response.ok) return;
  jobs.clear();
  for (const job of await response.json()) jobs.set(job.id, job);
  renderJobs();
}
function onProgress(progress) {
  const job = jobs.get(progress.jobId);
  if (!job) { loadJobs(); return; }
  Object.assign(job, { done: progress.done, total: progress.total, state: progress.state, error: progress.error });
  renderJobs();
  if (progress.state === "succeeded") loadJobs(); // for the result's size
}
function renderJobs() {
  const rows = [...jobs.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).map((job) => {
    const actions = el("td");
    if (job.state === "succeeded") {
      const button = el("button", { type: "button", className: "download", textContent: t("download") });
      button.onclick = async () => download(await api(`/api/exports/${encodeURIComponent(job.id)}/download`));
      actions.append(button);
    } else if (job.state === "queued" || job.state === "running") {
      const button = el("button", { type: "button", className: "cancel", textContent: t("cancelJob") });
      button.onclick = async () => { await api(`/api/exports/${encodeURIComponent(job.id)}`, { method: "DELETE" }); loadJobs(); };
      actions.append(button);
    }
    return el("tr", { dataset: { id: job.id, state: job.state } },
      el("td", { textContent: new Date(job.createdAt).toLocaleTimeString(state.lang) }),
      el("td", { textContent: job.format }),
      el("td", {}, el("progress", { max: job.total, value: job.done, ariaLabel: `${t("progress")} ${job.done} / ${job.total}` }), el("span", { className: "count", textContent: ` ${job.done} / ${job.total}` })),
      el("td", { className: "state", textContent: t(`job_${job.state}`), title: job.error ?? "" }),
      actions);
  });
  $("jobs").replaceChildren(...(rows.length ? rows : [el("tr", {}, el("td", { colSpan: 5, className: "none", textContent: t("noJobs") }))]));
}
$("job-form").onsubmit = async (e) => {
  e.preventDefault();
  const form = new FormData($("job-form"));
  // The sample conversations, without the 10,000-message load test (60 copies of it would be a long wait).
  const all = (await (await api("/api/conversations?pageSize=100")).json()).items.filter((c) => c.messages < 1000).map((c) => c.id);
  const copies = Math.min(500, Math.max(1, Number(form.get("copies")) || 1));
  await queueExport(Array.from({ length: copies }, () => all).flat(), { format: form.get("format"), culture: state.lang });
};
async function loadSchedules() {
  const response = await api("/api/exports/schedules");
  if (!response.ok) return;
  $("schedules").replaceChildren(...(await response.json()).map((s) => {
    const remove = el("button", { type: "button", textContent: t("remove"), ariaLabel: `${t("remove")}: ${s.name}` });
    remove.onclick = async () => { await api(`/api/exports/schedules/${encodeURIComponent(s.id)}`, { method: "DELETE" }); loadSchedules(); };
    const next = s.nextFireTime ? new Date(s.nextFireTime).toLocaleString(state.lang, { timeZone: s.timeZone, dateStyle: "medium", timeStyle: "short" }) : "–";
    return el("li", { dataset: { id: s.id } }, `${s.name} · ${s.options.format} · ${s.cron} (${s.timeZone}) · ${t("next")}: ${next} `, remove);
  }));
}
$("schedule-form").onsubmit = async (e) => {
  e.preventDefault();
  const form = new FormData($("schedule-form"));
  // The samples are from the past: look back ten years so that every firing finds them.
  const response = await api("/api/exports/schedules", { method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: form.get("name"), cron: form.get("cron"), timeZone: form.get("timeZone"), lookback: "3650.00:00:00", options: { format: new FormData($("job-form")).get("format"), culture: state.lang } }) });
  $("exports-message").textContent = response.ok ? "" : (await response.json()).detail;
  if (response.ok) { $("schedule-form").reset(); loadSchedules(); }
};

// ---- context menu on history rows (right click, Shift+F10 or the menu key), driven by the keyboard too ----
let menuRow = null;
function openMenu(row, x, y) {
  menuRow = row;
  const menu = $("row-menu");
  menu.hidden = false;
  menu.style.left = `${Math.min(x, innerWidth - 200)}px`;
  menu.style.top = `${Math.min(y, innerHeight - 140)}px`;
  menu.querySelector("[role=menuitem]").focus();
}
function closeMenu() { $("row-menu").hidden = true; menuRow?.focus(); menuRow = null; }
$("row-menu").addEventListener("keydown", (e) => {
  const items = [...$("row-menu").querySelectorAll("[role=menuitem]")];
  const at = items.indexOf(document.activeElement);
  if (e.key === "ArrowDown" || e.key === "ArrowUp") { e.preventDefault(); items[(at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length].focus(); }
  else if (e.key === "Home" || e.key === "End") { e.preventDefault(); items[e.key === "Home" ? 0 : items.length - 1].focus(); }
  else if (e.key === "Escape" || e.key === "Tab") { e.preventDefault(); closeMenu(); }
});
$("row-menu").addEventListener("click", async (e) => {
  const action = e.target.closest("[data-action]")?.dataset.action;
  const c = menuRow?.conversation;
  if (!action || !c) return;
  closeMenu();
  if (action === "open") openViewer(c);
  else if (action === "export") { exporting = c.id; $("export-dialog").showModal(); }
  else {
    await navigator.clipboard.writeText(new URL(`#history/${encodeURIComponent(c.id)}`, location.href).href);
    $("exports-message").textContent = t("linkCopied");
  }
});
document.addEventListener("click", (e) => { if (!$("row-menu").hidden && !e.target.closest("#row-menu")) closeMenu(); });

// ---- keyboard shortcuts (not while typing) ----
const views = ["overview", "assistants", "history", "exports"];
document.addEventListener("keydown", (e) => {
  const typing = e.target.closest?.("input, textarea, select, [contenteditable]") || document.querySelector("dialog[open]");
  if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key >= "1" && e.key <= "4") { show(views[Number(e.key) - 1]); }
  else if (e.key === "/") {
    const search = { assistants: "template-search", history: "search-form" }[location.hash.slice(1).split("/")[0]];
    if (!search) return;
    e.preventDefault();
    (search === "search-form" ? $("search-form").elements.q : $(search)).focus();
  } else if (e.key === "?") { e.preventDefault(); $("help").showModal(); }
  else if (e.key === "e" && document.activeElement?.conversation) { exporting = document.activeElement.conversation.id; $("export-dialog").showModal(); }
});

// ---- navigation ----
function show(view) {
  document.querySelectorAll(".view").forEach((v) => { v.hidden = v.id !== view; });
  document.querySelectorAll(".tab").forEach((b) => { if (b.dataset.view === view) b.setAttribute("aria-current", "page"); else b.removeAttribute("aria-current"); });
  location.hash = view;
}
document.querySelectorAll(".tab").forEach((b) => { b.onclick = () => show(b.dataset.view); });
$("language").onchange = () => { state.lang = $("language").value; localStorage.setItem("ak.lang", state.lang); applyLanguage(); };

applyLanguage();
loadConversations();
loadMyTemplates();
loadJobs();
loadLayout();
const [view, linked] = location.hash.slice(1).split("/");
show(views.includes(view) ? view : "overview");
if (view === "history" && linked) {
  // A copied link: open that conversation.
  api(`/api/conversations/${linked}/messages?limit=1`).then((r) => (r.ok ? r.json() : null)).then((m) => { if (m) openViewer({ id: decodeURIComponent(linked), title: m.title, messages: m.total }); });
}
connect();
