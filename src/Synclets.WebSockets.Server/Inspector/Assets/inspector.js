// The Synclets inspector: polls the server's figures, browses a stored room's tree on demand and
// follows its changes live. Everything shown comes from peers and clients, so it is only ever set
// as text (textContent), never parsed as HTML.

const REFRESH_MS = 1000;
const FEED_LIMIT = 100;
const $ = (selector) => document.querySelector(selector);

// The page's own query (a ?token=…) goes with every request it makes.
const pageQuery = new URLSearchParams(location.search);
function api(path, params = []) {
  const url = new URL(path, location.href);
  for (const [name, value] of pageQuery) url.searchParams.append(name, value);
  for (const [name, value] of params) url.searchParams.append(name, value);
  return url;
}

function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === "text") node.textContent = value;
    else if (name === "className") node.className = value;
    else if (name.startsWith("data-") || name.startsWith("aria-") || name === "title" || name === "datetime") node.setAttribute(name, value);
    else node[name] = value;
  }
  node.append(...children);
  return node;
}

const numbers = new Intl.NumberFormat();
const count = (value) => numbers.format(value);
const counted = (value, one, many) => `${count(value)} ${value === 1 ? one : many}`;
function bytes(value) {
  const units = ["B", "KiB", "MiB", "GiB"];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}
function ago(iso, now) {
  const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}
function timeOf(entry) {
  if (!entry.time) return element("time", { text: entry.timestamp || "never written", title: entry.timestamp || "" });
  const when = new Date(entry.time);
  return element("time", { text: when.toLocaleString(), datetime: entry.time, title: entry.timestamp });
}
function valueText(entry) {
  return entry.deleted ? "deleted" : JSON.stringify(entry.value);
}

const state = { room: null, overview: null, feed: null, open: new Map(), refreshes: new Map() };

function setStatus(text, kind) {
  const status = $("#status");
  status.textContent = text;
  status.className = `status ${kind}`;
}

// Server figures ---------------------------------------------------------------------------------

const COUNTERS = [
  ["clients", "Clients", count],
  ["rooms", "Rooms", count],
  ["backlogBytes", "Backlog", bytes],
  ["framesRelayed", "Frames relayed", count],
  ["framesReceived", "Frames received", count],
  ["framesDropped", "Frames dropped", count],
  ["framesRateLimited", "Rate-limited", count],
  ["framesInvalid", "Invalid frames", count],
  ["upgradesRefused", "Refused", count],
  ["clientsDisconnected", "Disconnected", count],
];

function renderCounters(counters) {
  const cards = COUNTERS.map(([key, label, format]) => {
    let kind = "";
    if (key === "backlogBytes" && counters.backlogBytes > 0.8 * counters.maxBacklogBytes) kind = "bad";
    else if (["framesDropped", "framesInvalid", "framesRateLimited"].includes(key) && counters[key] > 0) kind = "warn";
    return element("div", { className: `counter ${kind}`, "data-counter": key },
      element("span", { className: "value", text: format(counters[key]) }),
      element("span", { className: "label", text: label }));
  });
  $("#counters").replaceChildren(...cards);
}

function renderRooms(overview) {
  const list = overview.rooms.map((room) => {
    const button = element("button", { type: "button", "aria-current": String(room.id === state.room), title: room.id },
      element("span", { className: "name", text: room.id || "(root)" }),
      element("span", { className: "badge", text: counted(room.clientCount, "client", "clients") }));
    button.addEventListener("click", () => selectRoom(room.id));
    return element("li", { "data-room": room.id }, button);
  });
  $("#rooms").replaceChildren(...list);
  $("#no-rooms").hidden = overview.rooms.length > 0;
  const hidden = overview.roomCount - overview.rooms.length;
  $("#room-count").textContent = hidden > 0 ? `${overview.rooms.length} shown of ${overview.roomCount}` : `(${overview.roomCount})`;
}

function renderRoom(overview) {
  const room = overview.rooms.find((candidate) => candidate.id === state.room);
  $("#room").hidden = !room;
  if (!room) return;
  $("#room-id").textContent = room.id || "(root)";
  const rows = room.clients.map((client) => element("tr", { "data-client": client.id },
    element("td", {}, element("code", { text: client.id })),
    element("td", { title: client.connectedSince, text: ago(client.connectedSince, overview.now) }),
    element("td", { className: "num", text: count(client.framesReceived) }),
    element("td", { className: "num", text: count(client.framesSent) }),
    element("td", { className: "num", text: bytes(client.backlogBytes) })));
  $("#clients tbody").replaceChildren(...rows);
  $("#stored").hidden = !room.stored;
  $("#relayed").hidden = Boolean(room.stored);
  if (room.stored) {
    const stored = room.stored;
    $("#stored-summary").textContent =
      `depth ${stored.depth} · ${counted(stored.atomsFromClients, "atom", "atoms")} from clients · ${counted(stored.messagesProcessed, "message", "messages")} · ${counted(stored.conflicts, "conflict", "conflicts")}`;
    if (!state.feed) openFeed(room.id);
    if (!state.open.has("")) loadChildren([], $("#tree"));
  }
}

async function refresh() {
  try {
    const response = await fetch(api("api/overview"), { cache: "no-store" });
    if (response.status === 401 || response.status === 403) {
      setStatus(response.status === 401 ? "Not authorized: open this page with the server's token (?token=…)." : "Forbidden.", "down");
      return;
    }
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const overview = await response.json();
    state.overview = overview;
    $("#server-name").textContent = overview.server;
    renderCounters(overview.counters);
    renderRooms(overview);
    renderRoom(overview);
    setStatus(`Live · updated ${new Date(overview.now).toLocaleTimeString()}`, "live");
  } catch (error) {
    setStatus(`Server unreachable (${error.message}); retrying…`, "down");
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

function selectRoom(roomId) {
  if (roomId === state.room) return;
  state.room = roomId;
  closeFeed();
  state.open.clear();
  $("#tree").replaceChildren();
  $("#feed").replaceChildren();
  $("#feed-empty").hidden = false;
  history.replaceState(null, "", `#room=${encodeURIComponent(roomId)}`);
  if (state.overview) {
    renderRooms(state.overview);
    renderRoom(state.overview);
  }
}

// The tree, one parent at a time ------------------------------------------------------------------

const keyOf = (address) => JSON.stringify(address);

async function loadChildren(address, list, after = null) {
  state.open.set(address.length === 0 ? "" : keyOf(address), { address, list });
  const params = [["room", state.room], ...address.map((id) => ["id", id])];
  if (after !== null) params.push(["after", after]);
  const response = await fetch(api("api/tree", params), { cache: "no-store" });
  if (!response.ok) {
    list.replaceChildren(element("li", { className: "muted", text: `Not available (HTTP ${response.status}).` }));
    return;
  }
  const page = await response.json();
  const items = page.children.map((child) => child.leaf ? leafItem(address, child) : parentItem(address, child));
  if (after === null) list.replaceChildren(...items);
  else { list.lastElementChild?.remove(); list.append(...items); }
  if (page.children.length === 0 && after === null) list.replaceChildren(element("li", { className: "muted", text: "empty" }));
  if (page.hasMore) {
    const more = element("button", { type: "button", className: "more", text: "more…" });
    more.addEventListener("click", () => loadChildren(address, list, page.children[page.children.length - 1].id));
    list.append(element("li", {}, more));
  }
}

function parentItem(address, child) {
  const path = [...address, child.id];
  const open = state.open.has(keyOf(path));
  const toggle = element("button", { type: "button", className: "toggle", "aria-expanded": String(open), text: child.id, title: `hash ${child.hash}` });
  const children = element("ul", { hidden: !open });
  toggle.addEventListener("click", () => {
    const expanded = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!expanded));
    children.hidden = expanded;
    if (expanded) state.open.delete(keyOf(path));
    else loadChildren(path, children);
  });
  // Read again with its parent (after a change): it stays open, and shows its children as they are now.
  if (open) loadChildren(path, children);
  return element("li", { "data-address": keyOf(path) }, toggle, children);
}

function leafItem(address, child) {
  return element("li", { className: "leaf", "data-address": keyOf([...address, child.id]) },
    element("span", { className: "id", text: child.id }),
    element("span", { className: child.deleted ? "value deleted" : "value", text: valueText(child) }),
    timeOf(child));
}

// After a change, the parents on its way that are open are read again (once, shortly after a burst).
function refreshOpenParents(address) {
  for (let length = 0; length < address.length; length++) {
    const key = length === 0 ? "" : keyOf(address.slice(0, length));
    const open = state.open.get(key);
    if (!open || state.refreshes.has(key)) continue;
    state.refreshes.set(key, setTimeout(() => {
      state.refreshes.delete(key);
      if (state.open.get(key) === open) loadChildren(open.address, open.list).then(() => flash(address));
    }, 150));
  }
}

function flash(address) {
  const item = document.querySelector(`#tree [data-address="${CSS.escape(keyOf(address))}"]`);
  if (item) { item.classList.remove("flash"); void item.offsetWidth; item.classList.add("flash"); }
}

// The live feed -----------------------------------------------------------------------------------

function openFeed(roomId) {
  const source = new EventSource(api("api/feed", [["room", roomId]]));
  state.feed = source;
  source.onmessage = (event) => {
    const change = JSON.parse(event.data);
    addToFeed(element("li", { "data-address": keyOf(change.address) },
      element("span", { className: "address", text: change.address.join(" / ") }),
      element("span", { className: "value", text: valueText(change) }),
      element("span", { className: "origin", text: change.origin }),
      timeOf(change)));
    refreshOpenParents(change.address);
  };
  source.addEventListener("lost", (event) => {
    addToFeed(element("li", { className: "note", text: `${JSON.parse(event.data).count} changes came too fast to show.` }));
  });
  source.addEventListener("closed", () => { closeFeed(); state.open.clear(); });
}

function addToFeed(item) {
  const feed = $("#feed");
  feed.prepend(item);
  while (feed.children.length > FEED_LIMIT) feed.lastElementChild.remove();
  $("#feed-empty").hidden = true;
}

function closeFeed() {
  state.feed?.close();
  state.feed = null;
}

const fromHash = new URLSearchParams(location.hash.slice(1)).get("room");
if (fromHash !== null) state.room = fromHash;
refresh();
