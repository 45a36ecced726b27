// The network explorer: draws /api/people/ID/network with vis-network, grows it person by person,
// finds people in it, overlays a mentor's mentees and their recommended introductions, and keeps the
// whole view in the page's address (history.replaceState) so that it can be shared or bookmarked.
// Every piece of user text reaches the page through textContent or vis-network's plain-text titles,
// never as HTML.
(function () {
  "use strict";
  const graph = document.getElementById("graph");
  if (!graph) return;
  const initial = JSON.parse(document.getElementById("explorer-view").textContent);
  const person = initial.person;
  const ALL_TYPES = ["KNOWS", "MENTORS", "INTRODUCTION"];
  const $ = (id) => document.getElementById(id);
  const form = $("graph-filters");
  const status = $("graph-status");
  const noticeList = $("graph-notices");
  const panel = $("panel");
  const overlayButton = $("graph-overlay");
  const findForm = $("graph-find");
  const findResult = $("graph-find-result");

  const view = initial.view;
  const state = {depth: view.depth, types: view.types.slice(), unit: view.unit, path_to: view.path_to,
                 expand: view.expand.slice(), overlay: view.overlay, mentee: view.mentee};
  const nodes = new vis.DataSet();
  const edges = new vis.DataSet();
  let network = null;
  let last = null; // the last answer drawn
  let selected = null; // whose panel is open
  let found = {text: "", index: -1, id: null};
  let pageNotices = initial.notices; // what the address asked for and could not have
  let asked = 0; // answers to requests older than the latest are dropped
  let version = 0;
  let path = {target: null, people: null, note: ""};

  form.elements.unit.value = state.unit;

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function button(text, onClick) {
    const b = el("button", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // -- the view in the address -----------------------------------------------------------------------

  function pageQuery() {
    const q = new URLSearchParams();
    if (state.depth !== 1) q.set("depth", String(state.depth));
    if (state.types.length !== ALL_TYPES.length) state.types.forEach((t) => q.append("types", t));
    if (state.unit) q.set("unit", state.unit);
    if (state.path_to) q.set("path_to", state.path_to);
    state.expand.forEach((id) => q.append("expand", id));
    if (state.overlay) {
      q.set("overlay", "mentor");
      if (state.mentee) q.set("mentee", state.mentee);
    }
    return q;
  }

  function remember() {
    const q = pageQuery().toString();
    history.replaceState(null, "", location.pathname + (q ? "?" + q : ""));
  }

  function apiQuery() {
    const q = new URLSearchParams();
    q.set("depth", String(state.depth));
    state.types.forEach((t) => q.append("types", t));
    if (state.unit) q.append("units", state.unit);
    (path.people || []).forEach((id) => q.append("path", id));
    state.expand.forEach((id) => q.append("expand", id));
    if (state.overlay) {
      q.set("overlay", "mentor");
      if (state.mentee) q.set("mentee", state.mentee);
    }
    return q;
  }

  function readForm() {
    const data = new FormData(form);
    state.depth = Number(data.get("depth"));
    state.types = data.getAll("types");
    state.unit = (data.get("unit") || "").trim();
    state.path_to = (data.get("path_to") || "").trim();
  }

  // The warm path to the person named in the form (asked once per person), or none with a message.
  async function warmPath() {
    const target = state.path_to;
    if (target === path.target) return;
    path = {target: target, people: null, note: ""};
    if (!target) return;
    const response = await fetch("/api/paths?from=" + encodeURIComponent(person) + "&to=" + encodeURIComponent(target),
                                 {headers: {Accept: "application/json"}});
    const body = await response.json();
    if (!response.ok) path.note = " · " + body.error;
    else if (!body.paths.length) path.note = " · no warm path to " + target + " within 4 links";
    else {
      const best = body.paths[0];
      path.people = best.people;
      path.note = " · warm path (strength " + best.strength.toFixed(2) + "): " + best.names.join(" → ");
    }
  }

  // -- what the page says about the view ---------------------------------------------------------------

  function nameOf(id) {
    const node = nodes.get(id);
    return node ? node.label : id;
  }

  function unitName(id) {
    return (last && last.units && last.units[id]) || id;
  }

  function showNotices(items) {
    noticeList.replaceChildren(...items.map((text) => el("li", text, "notice")));
  }

  function showStatus(body) {
    const more = body.shown < body.total ? " (narrow by depth, link type or unit)" : "";
    status.textContent = "showing " + body.shown + " of " + body.total + " people within " + body.depth +
      (body.depth === 1 ? " link" : " links") + more + " · " + body.nodes.length + " people drawn in all" + path.note;
  }

  function expansionText(e) {
    let text = "showing " + e.shown + " of " + e.total + " of " + e.name + "'s contacts";
    if (e.cut > 0) text += " (" + e.cut + " cut: at most " + e.limit + " drawn per expansion" +
      (state.unit ? ", only unit " + unitName(state.unit) : "") + ")";
    return text;
  }

  function showExpansions(body) {
    $("expansions").replaceChildren(...body.expansions.map((e) => {
      const item = el("li", "Expanded " + e.name + ": " + expansionText(e) + " ");
      item.dataset.person = e.person;
      if (e.cut > 0) item.classList.add("cut");
      item.append(button("Collapse " + e.name, () => collapse(e.person)));
      return item;
    }));
  }

  function showLegend(body) {
    $("legend").replaceChildren(...body.legend.map((item) => {
      const li = el("li");
      const swatch = el("span", undefined, "swatch");
      swatch.style.backgroundColor = item.colour;
      li.append(swatch, document.createTextNode(item.name || item.org_unit || "no unit"));
      if (item.org_unit) li.title = item.org_unit; // the id, for who needs it
      return li;
    }));
    $("link-legend").replaceChildren(...body.link_legend.map((item) => {
      const li = el("li");
      li.dataset.kind = item.kind;
      const swatch = el("span", undefined, "line-swatch line-" + item.style);
      swatch.style.borderColor = item.colour;
      li.append(swatch, document.createTextNode(item.label));
      return li;
    }));
  }

  // The drawing's twin for screen readers and keyboards: every person (a button opening their panel) and link.
  // Built while it is open (and when it opens), so a large view costs nothing until someone reads it.
  const twin = $("graph-list");
  twin.addEventListener("toggle", () => { if (twin.open) showList(); });

  function showList() {
    const people = nodes.get().sort((a, b) => a.label.localeCompare(b.label));
    $("graph-names").replaceChildren(...people.map((node) => {
      const option = el("option");
      option.value = node.label;
      return option;
    }));
    if (!twin.open) return;
    $("graph-list-people").replaceChildren(...people.map((node) => {
      const li = el("li");
      li.dataset.person = node.id;
      li.append(button(node.label, () => select(node.id)));
      if (node.org_unit) {
        const unit = el("span", " " + unitName(node.org_unit), "muted");
        unit.title = node.org_unit;
        li.append(unit);
      }
      return li;
    }));
    $("graph-list-links").replaceChildren(...edges.get().map((edge) =>
      el("li", nameOf(edge.from) + " → " + nameOf(edge.to) + ": " + edge.title)));
  }

  function showOverlay(body) {
    const section = $("overlay");
    overlayButton.setAttribute("aria-pressed", String(state.overlay));
    section.hidden = !state.overlay;
    const overlay = body.overlay;
    if (!overlay) return;
    $("overlay-mentees").replaceChildren(...overlay.mentees.map((m) => {
      const li = el("li");
      const b = button(m.name, () => { state.mentee = state.mentee === m.id ? "" : m.id; refresh(); });
      b.setAttribute("aria-pressed", String(overlay.mentee === m.id));
      b.title = m.id;
      li.append(b);
      return li;
    }));
    $("overlay-candidates").replaceChildren(...overlay.candidates.map((c) =>
      el("li", c.name + " (score " + c.score.toFixed(2) + ")" + (c.reasons.length ? ": " + c.reasons.join("; ") : ""))));
  }

  // -- drawing ---------------------------------------------------------------------------------------

  // Bring a DataSet to ``items``, touching only what changed: an expansion then costs vis-network only the
  // people and links it adds, not a rebuild of everything drawn.
  const drawnAs = {nodes: new Map(), edges: new Map()};

  function replace(set, items, known) {
    const keep = new Set(items.map((item) => item.id));
    const gone = set.getIds().filter((id) => !keep.has(id));
    set.remove(gone);
    gone.forEach((id) => known.delete(id));
    const changed = items.filter((item) => {
      const text = JSON.stringify(item);
      if (known.get(item.id) === text) return false;
      known.set(item.id, text);
      return true;
    });
    set.update(changed);
  }

  function draw(body, fit) {
    replace(nodes, body.nodes, drawnAs.nodes);
    replace(edges, body.edges, drawnAs.edges);
    if (!network) {
      const options = {physics: {enabled: false}, edges: {smooth: false}, interaction: {hover: true},
                       nodes: {font: {size: 12}}};
      network = new vis.Network(graph, {nodes: nodes, edges: edges}, options);
      network.on("click", (event) => { if (event.nodes.length) showPanel(event.nodes[0]); });
    } else if (fit) {
      network.fit({animation: false});
    }
    network.once("afterDrawing", () => {
      performance.mark("explorer-drawn"); // with "explorer-asked": how long a change takes to reach the screen
      graph.dataset.ready = String(nodes.length);
      graph.dataset.version = String(++version);
    });
    network.redraw();
  }

  async function refresh(options) {
    const fit = Boolean(options && options.fit);
    const mine = ++asked;
    performance.mark("explorer-asked");
    status.textContent = "loading…";
    let response, body;
    try {
      await warmPath();
      response = await fetch("/api/people/" + encodeURIComponent(person) + "/network?" + apiQuery(),
                             {headers: {Accept: "application/json"}});
      body = await response.json();
    } catch (error) {
      if (mine === asked) status.textContent = "the network could not be loaded (" + error.message + "): try again";
      return;
    }
    performance.mark("explorer-answered");
    if (mine !== asked) return;
    if (!response.ok) {
      status.textContent = body.error;
      return;
    }
    last = body;
    state.expand = body.expansions.map((e) => e.person); // the nearest valid view: stale ones are gone
    state.mentee = body.overlay && body.overlay.mentee ? body.overlay.mentee : "";
    remember();
    draw(body, fit);
    performance.mark("explorer-updated");
    showStatus(body);
    showNotices(pageNotices.concat(body.notices));
    showExpansions(body);
    showLegend(body);
    showOverlay(body);
    showList();
    if (found.id && nodes.get(found.id)) mark(found.id);
    if (selected) {
      showExpansionOf(selected);
      showTies(selected);
    }
  }

  // -- the panel: one person, expand and collapse ----------------------------------------------------

  function showExpansionOf(id) {
    const expanded = last ? last.expansions.find((e) => e.person === id) : null;
    $("panel-expand").disabled = Boolean(expanded) || !nodes.get(id);
    $("panel-collapse").disabled = !expanded;
    $("panel-expansion").textContent = expanded ? expansionText(expanded) : "";
  }

  async function showPanel(id) {
    selected = id;
    const response = await fetch("/api/people/" + encodeURIComponent(id), {headers: {Accept: "application/json"}});
    const body = await response.json();
    if (!response.ok || selected !== id) return;
    $("panel-name").textContent = body.name;
    const detail = $("panel-detail");
    detail.replaceChildren();
    const parts = [body.title];
    if (body.org_unit) {
      const unit = el("span", unitName(body.org_unit));
      unit.title = body.org_unit;
      parts.push(unit);
    }
    if (body.level) parts.push("level " + body.level);
    parts.filter(Boolean).forEach((part, i) => {
      if (i) detail.append(" · ");
      detail.append(part);
    });
    $("panel-link").href = "/people/" + encodeURIComponent(body.id);
    $("panel-explore").href = "/explore/" + encodeURIComponent(body.id);
    panel.dataset.person = id;
    showExpansionOf(id);
    showTies(id);
    panel.hidden = false;
  }

  // The selected person's KNOWS ties in view: where each comes from and its latest evidence (the edge
  // carries both); "evidence" asks /api/ties for the rest, event counts included for admin alone.
  const SOURCE_NAMES = {declared: "declared", interactions: "interactions", org_chart: "org chart",
                        introduction: "introduction"};

  function showTies(id) {
    const list = $("panel-ties");
    const other = (e) => (e.from === id ? e.to : e.from);
    // the latest evidence first, then by name: what the events say is what changes
    const ties = edges.get().filter((e) => Array.isArray(e.sources) && (e.from === id || e.to === id))
      .sort((x, y) => (y.last_seen || "").localeCompare(x.last_seen || "") ||
                      nameOf(other(x)).localeCompare(nameOf(other(y))));
    $("panel-ties-heading").hidden = ties.length === 0;
    list.replaceChildren(...ties.map((edge) => {
      const other = edge.from === id ? edge.to : edge.from;
      const item = el("li");
      item.append(el("strong", nameOf(other)), " ");
      const parts = ["from " + edge.sources.map((s) => SOURCE_NAMES[s] || s).join(", ")];
      if (edge.last_seen) parts.push("last evidence " + edge.last_seen);
      item.append(el("span", parts.join("; "), "muted tie-sources"), " ");
      const out = el("span", "", "tie-evidence");
      item.append(button("evidence", async () => {
        const response = await fetch("/api/ties/" + encodeURIComponent(id) + "/" + encodeURIComponent(other),
                                     {headers: {Accept: "application/json"}});
        if (!response.ok) { out.textContent = " (not available)"; return; }
        const tie = await response.json();
        const said = ["strength " + (tie.strength === null ? "not given" : tie.strength)];
        if (tie.declared_strength !== null) said.push("declared " + tie.declared_strength);
        if (tie.evidence_strength !== null) said.push("evidence " + tie.evidence_strength);
        if (tie.org_chart_strength !== null) said.push("org chart " + tie.org_chart_strength);
        if (tie.first_seen) said.push("first seen " + tie.first_seen);
        if (tie.counts) said.push("events: " + Object.entries(tie.counts).map(([c, n]) => c + " " + n).join(", "));
        out.textContent = " " + said.join("; ");
      }), out);
      return item;
    }));
  }

  function expand(id) {
    if (!state.expand.includes(id)) state.expand.push(id);
    pageNotices = [];
    refresh();
  }

  function collapse(id) {
    state.expand = state.expand.filter((other) => other !== id);
    pageNotices = [];
    refresh();
  }

  $("panel-expand").addEventListener("click", () => { if (selected) expand(selected); });
  $("panel-collapse").addEventListener("click", () => { if (selected) collapse(selected); });

  // -- finding someone drawn ---------------------------------------------------------------------------

  function mark(id) {
    nodes.update({id: id, borderWidth: 6, borderWidthSelected: 6, shadow: {enabled: true, color: "#ffbf00", size: 18}});
    network.selectNodes([id]);
  }

  function unmark(id) {
    const original = last && last.nodes.find((n) => n.id === id);
    if (original) nodes.update({...original, borderWidthSelected: 2, shadow: {enabled: false}});
  }

  function select(id) {
    if (found.id && found.id !== id) unmark(found.id);
    found.id = id;
    mark(id);
    network.focus(id, {scale: Math.max(network.getScale(), 1), animation: false});
    const spot = network.getPositions([id])[id];
    const centre = network.getViewPosition();
    graph.dataset.found = id;
    graph.dataset.foundAt = Math.round(spot.x) + "," + Math.round(spot.y);
    graph.dataset.centre = Math.round(centre.x) + "," + Math.round(centre.y);
    showPanel(id);
  }

  findForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = (new FormData(findForm).get("name") || "").trim().toLowerCase();
    if (!text || !network) return;
    const matches = nodes.get({filter: (node) => node.label.toLowerCase().includes(text)})
      .sort((a, b) => (b.label.toLowerCase() === text) - (a.label.toLowerCase() === text) ||
                      a.label.localeCompare(b.label));
    if (!matches.length) {
      findResult.textContent = "no one drawn is called “" + text + "”";
      return;
    }
    found.index = found.text === text ? (found.index + 1) % matches.length : 0;
    found.text = text;
    const hit = matches[found.index];
    select(hit.id);
    findResult.textContent = matches.length > 1
      ? hit.label + " (" + (found.index + 1) + " of " + matches.length + " matches; Find again for the next)"
      : hit.label;
  });

  // -- the mentor overlay, and the picture as a PNG --------------------------------------------------

  overlayButton.addEventListener("click", () => {
    state.overlay = !state.overlay;
    if (!state.overlay) state.mentee = "";
    pageNotices = [];
    refresh();
  });

  $("graph-export").addEventListener("click", () => {
    const canvas = graph.querySelector("canvas");
    if (!canvas) return;
    const out = document.createElement("canvas"); // on white: the drawing's own canvas is transparent
    out.width = canvas.width;
    out.height = canvas.height;
    const context = out.getContext("2d");
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, out.width, out.height);
    context.drawImage(canvas, 0, 0);
    const link = $("graph-download");
    link.href = out.toDataURL("image/png");
    link.download = "network-" + person.replace(/[^A-Za-z0-9_-]/g, "_") + ".png";
    link.click();
  });

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    readForm();
    pageNotices = [];
    refresh({fit: true});
  });

  refresh();
})();
