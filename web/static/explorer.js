// The network explorer: draws /api/people/ID/network with vis-network.
// Every piece of user text reaches the page through textContent or vis-network's
// plain-text titles, never as HTML.
(function () {
  "use strict";
  const graph = document.getElementById("graph");
  const person = graph.dataset.person;
  const form = document.getElementById("graph-filters");
  const status = document.getElementById("graph-status");
  const legend = document.getElementById("legend");
  const panel = document.getElementById("panel");
  let network = null;

  function query(path) {
    const data = new FormData(form);
    const q = new URLSearchParams();
    q.set("depth", data.get("depth"));
    data.getAll("types").forEach((t) => q.append("types", t));
    const unit = (data.get("unit") || "").trim();
    if (unit) q.append("units", unit);
    (path || []).forEach((id) => q.append("path", id));
    return q;
  }

  // The warm path to the person named in the form, or null (with a message) when there is none.
  async function warmPath() {
    const target = (new FormData(form).get("path_to") || "").trim();
    if (!target) return {people: null, note: ""};
    const response = await fetch("/api/paths?from=" + encodeURIComponent(person) + "&to=" + encodeURIComponent(target),
                                 {headers: {Accept: "application/json"}});
    const body = await response.json();
    if (!response.ok) return {people: null, note: " · " + body.error};
    if (!body.paths.length) return {people: null, note: " · no warm path to " + target + " within 4 links"};
    const found = body.paths[0];
    return {people: found.people, note: " · warm path (strength " + found.strength.toFixed(2) + "): " +
            found.names.join(" → ")};
  }

  function showLegend(items) {
    legend.replaceChildren();
    items.forEach((item) => {
      const li = document.createElement("li");
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.backgroundColor = item.colour;
      li.append(swatch, document.createTextNode(item.org_unit || "no unit"));
      legend.append(li);
    });
  }

  async function showPanel(id) {
    const response = await fetch("/api/people/" + encodeURIComponent(id), {headers: {Accept: "application/json"}});
    const body = await response.json();
    if (!response.ok) return;
    document.getElementById("panel-name").textContent = body.name;
    document.getElementById("panel-detail").textContent =
      [body.title, body.org_unit, body.level ? "level " + body.level : ""].filter(Boolean).join(" · ");
    document.getElementById("panel-link").href = "/people/" + encodeURIComponent(body.id);
    document.getElementById("panel-explore").href = "/explore/" + encodeURIComponent(body.id);
    panel.hidden = false;
  }

  async function load() {
    status.textContent = "loading…";
    const path = await warmPath();
    const response = await fetch("/api/people/" + encodeURIComponent(person) + "/network?" + query(path.people),
                                 {headers: {Accept: "application/json"}});
    const body = await response.json();
    if (!response.ok) {
      status.textContent = body.error;
      return;
    }
    status.textContent = "showing " + body.shown + " of " + body.total + " people within " + body.depth +
      (body.depth === 1 ? " link" : " links") + (body.shown < body.total ? " (narrow by depth, link type or unit)" : "") +
      path.note;
    showLegend(body.legend);
    const data = {nodes: new vis.DataSet(body.nodes), edges: new vis.DataSet(body.edges)};
    const options = {physics: {enabled: false}, edges: {smooth: false}, interaction: {hover: true},
                     nodes: {font: {size: 12}}};
    if (network) network.destroy();
    network = new vis.Network(graph, data, options);
    network.on("click", (event) => { if (event.nodes.length) showPanel(event.nodes[0]); });
    graph.dataset.ready = String(body.nodes.length);
  }

  form.addEventListener("submit", (event) => { event.preventDefault(); load(); });
  load();
})();
