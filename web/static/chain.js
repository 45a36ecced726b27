// Draws the promotion chain from the JSON block on the page (text only; no HTML from data).
(function () {
  "use strict";
  const holder = document.getElementById("chain");
  const data = JSON.parse(document.getElementById("chain-data").textContent);
  const network = new vis.Network(holder, {nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges)}, {
    layout: {hierarchical: {enabled: true, direction: "LR", sortMethod: "directed", levelSeparation: 160}},
    physics: {enabled: false}, edges: {smooth: false}, interaction: {dragNodes: false},
  });
  network.once("afterDrawing", () => { holder.dataset.ready = String(data.nodes.length); });
})();
