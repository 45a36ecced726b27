// The succession org chart: cards of positions along REPORTS_TO, opened one level at a time,
// and the same tree as a keyboard-operable list (role="tree"). Data come from the JSON block on the
// page and from /api/succession/chart; everything is built with DOM text (textContent), never HTML.
// Timings for the benchmark: performance marks "oc-first-level" and measures "oc-expand".
(function () {
  "use strict";
  const READINESS = [["ready_now", "ready now"], ["ready_1_2_years", "1–2 years"], ["ready_3_plus_years", "3+ years"]];
  const FLAG_WORDS = {vacant: "vacant", flight_risk: "flight risk", thin: "thin", shared_cover: "shared cover",
                      cascade: "cascade"};
  const MARK_WORDS = {"vacated": "vacated", "promoted-into": "promoted into", "left-vacant": "left vacant"};

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function url(pattern, id) {
    return pattern.replace("__ID__", encodeURIComponent(id));
  }

  function afterPaint(done) {
    requestAnimationFrame(() => setTimeout(done, 0));
  }

  function setUp(root) {
    const data = JSON.parse(root.querySelector(".oc-data").textContent);
    const api = root.dataset.api;
    const marks = data.marks || {};
    const names = data.names || {};
    const nodes = new Map();
    const chartRoots = root.querySelector(".oc-roots");
    const listRoots = root.querySelector(".oc-list");
    const summary = root.querySelector(".oc-summary");
    const filters = {critical: false, gaps: false};
    let busy = 0;

    // the level above the roots: "more" there asks for the same start again, further on
    const top = {id: null, top: true, children: [], total: data.total || 0, nextOffset: data.next_offset ?? null,
                 chartUl: chartRoots, listUl: listRoots, depth: 0};

    function levelQuery(parent, offset) {
      const params = new URLSearchParams();
      if (!parent.top) params.set("position", parent.id);
      else if (data.unit) params.set("unit", data.unit);
      else if (data.around) params.set("around", data.around.join(","));
      params.set("offset", String(offset));
      if (data.limit && !data.around) params.set("limit", String(data.limit));
      return api + "?" + params.toString();
    }

    function personLinks(people) {
      const span = el("span", "oc-people");
      people.forEach((p, i) => {
        if (i) span.append(", ");
        const link = el("a", "", p.name);
        link.href = url(root.dataset.personUrl, p.id);
        link.title = p.id;
        span.append(link);
      });
      return span;
    }

    function stepWords(step) {
      const who = names[step.person] || step.person;
      return step.role === "filled" ? `${who} moves in` : `${who} moves up, leaving this seat`;
    }

    function listLabel(card) {
      const parts = [card.title];
      parts.push(card.incumbents.length ? card.incumbents.map((p) => p.name).join(", ") : "vacant");
      parts.push(card.status + (card.critical ? ", critical" : "") +
                 card.flags.filter((f) => f !== "vacant").map((f) => ", " + FLAG_WORDS[f]).join(""));
      for (const [key, words] of READINESS) {
        const group = card.successors.find((g) => g.readiness === key);
        if (group && group.people.length) parts.push(words + ": " + group.people.map((p) => p.name).join(", "));
      }
      const marked = marks[card.id];
      if (marked) {
        parts.push(marked.marks.map((m) => MARK_WORDS[m]).join(", "));
        marked.steps.forEach((s) => parts.push(`step ${s.step}: ${stepWords(s)}`));
      }
      if (card.child_count) parts.push(card.child_count === 1 ? "1 report" : `${card.child_count} reports`);
      return parts.join(" — ");
    }

    function cardElement(card, node) {
      const box = el("div", `oc-card oc-status-${card.status}`);
      box.title = card.id;
      box.dataset.position = card.id;
      box.dataset.status = card.status;
      if (card.critical) box.classList.add("is-critical");
      const marked = marks[card.id];
      if (marked) marked.marks.forEach((m) => box.classList.add(m));

      const head = el("div", "oc-head");
      const title = el("a", "oc-title", card.title);
      title.href = url(root.dataset.positionUrl, card.id);
      title.title = card.id;
      head.append(title);
      if (card.critical) head.append(el("span", "oc-critical", "critical"));
      box.append(head);
      if (card.org_unit_name) {
        const unit = el("div", "oc-unit muted", card.org_unit_name);
        unit.title = card.org_unit || "";
        box.append(unit);
      }
      const incumbent = el("div", "oc-incumbent");
      if (card.incumbents.length) incumbent.append(personLinks(card.incumbents));
      else incumbent.append(el("span", "oc-vacant", "vacant"));
      box.append(incumbent);

      const status = el("div", "oc-flags");
      status.append(el("span", `oc-badge status-${card.status}`, card.status));
      card.flags.forEach((f) => {
        const flag = el("span", `oc-flag oc-flag-${f}`, FLAG_WORDS[f] || f);
        status.append(" ", flag);
      });
      if (card.cover_at_once === "loses_out") {
        const flag = el("span", "oc-flag oc-flag-loses_out", "not at once");
        flag.title = "covered today, but its ready-now successors are needed for other seats if everyone left at once";
        status.append(" ", flag);
      }
      box.append(status);

      const successors = el("dl", "oc-successors");
      for (const [key, words] of READINESS) {
        const group = card.successors.find((g) => g.readiness === key) || {people: []};
        const dt = el("dt", `oc-ready oc-${key}`, words);
        const dd = el("dd", `oc-ready oc-${key}`);
        if (group.people.length) dd.append(personLinks(group.people));
        else dd.append(el("span", "muted", "—"));
        successors.append(dt, dd);
      }
      box.append(successors);

      if (marked && (marked.steps.length || marked.marks.length)) {
        const steps = el("ol", "oc-steps");
        marked.steps.forEach((s) => {
          const item = el("li", `oc-step oc-step-${s.role}`);
          item.append(el("span", "oc-step-number", String(s.step)), " ", stepWords(s));
          steps.append(item);
        });
        marked.marks.forEach((m) => steps.append(el("li", `oc-mark oc-mark-${m}`, MARK_WORDS[m])));
        box.append(steps);
      }

      const actions = el("div", "oc-actions");
      if (card.child_count) {
        const toggle = el("button", "oc-toggle");
        toggle.type = "button";
        toggle.setAttribute("aria-expanded", "false");
        toggle.textContent = card.child_count === 1 ? "1 report" : `${card.child_count} reports`;
        toggle.addEventListener("click", () => setExpanded(node, !node.expanded));
        node.toggle = toggle;
        actions.append(toggle);
      }
      const here = el("a", "oc-here", "chart from here");
      here.href = url(root.dataset.chartUrl, card.id);
      actions.append(here);
      box.append(actions);
      return box;
    }

    function makeNode(card, parent) {
      const node = {id: card.id, card, parent, depth: parent.depth + 1, children: null, nextOffset: 0,
                    expanded: false, loading: false};
      node.chartLi = el("li", "oc-node");
      node.chartLi.dataset.position = card.id;
      node.box = cardElement(card, node);
      node.chartUl = el("ul", "oc-level oc-children");
      node.chartUl.hidden = true;
      node.chartLi.append(node.box, node.chartUl);

      node.listLi = el("li", "oc-item");
      node.listLi.setAttribute("role", "treeitem");
      node.listLi.setAttribute("aria-level", String(node.depth));
      node.listLi.tabIndex = -1;
      node.listLi.dataset.position = card.id;
      node.listLabel = el("span", "oc-item-label", listLabel(card));
      node.listLabel.title = card.id;
      node.listLi.append(node.listLabel);
      if (card.child_count) {
        node.listLi.setAttribute("aria-expanded", "false");
        node.listUl = el("ul", "oc-group");
        node.listUl.setAttribute("role", "group");
        node.listUl.hidden = true;
        node.listLi.append(node.listUl);
      } else {
        node.listUl = null;
        node.chartUl = null;
        node.chartLi.lastChild.remove();
      }
      node.listLabel.addEventListener("click", () => { focusItem(node.listLi); if (card.child_count) setExpanded(node, !node.expanded); });
      nodes.set(card.id, node);
      dim(node);
      return node;
    }

    function dim(node) {
      const card = node.card;
      const out = (filters.critical && !card.critical) || (filters.gaps && card.status !== "gap");
      node.box.classList.toggle("oc-dimmed", out);
      node.listLi.classList.toggle("oc-dimmed", out);
    }

    function addChildren(parent, cards, nextOffset, total) {
      if (parent.children === null) parent.children = [];
      for (const card of cards) {
        if (nodes.has(card.id)) continue;
        const node = makeNode(card, parent);
        parent.children.push(node.id);
        parent.chartUl.insertBefore(node.chartLi, parent.chartMore || null);
        parent.listUl.insertBefore(node.listLi, parent.listMore || null);
      }
      parent.nextOffset = nextOffset;
      if (total !== undefined) parent.total = total;
      showMore(parent);
    }

    function showMore(parent) {
      const total = parent.top ? parent.total : parent.card.child_count;
      const shown = parent.children ? parent.children.length : 0;
      const wanted = parent.nextOffset !== null && parent.nextOffset !== undefined && shown < total;
      if (!wanted) {
        if (parent.chartMore) parent.chartMore.remove();
        if (parent.listMore) parent.listMore.remove();
        parent.chartMore = parent.listMore = null;
        return;
      }
      const text = `showing ${shown} of ${total}`;
      if (!parent.chartMore) {
        parent.chartMore = el("li", "oc-node oc-more");
        const box = el("div", "oc-card oc-more-card");
        box.append(el("span", "oc-more-text"), " ");
        const button = el("button", "oc-more-button", "more");
        button.type = "button";
        button.addEventListener("click", () => load(parent, parent.nextOffset));
        box.append(button);
        parent.chartMore.append(box);
        parent.chartUl.append(parent.chartMore);
        parent.listMore = el("li", "oc-item oc-more");
        parent.listMore.setAttribute("role", "treeitem");
        parent.listMore.setAttribute("aria-level", String(parent.depth + 1));
        parent.listMore.tabIndex = -1;
        parent.listMore.append(el("span", "oc-item-label"));
        parent.listMore.addEventListener("click", () => load(parent, parent.nextOffset));
        parent.listUl.append(parent.listMore);
      }
      parent.chartMore.querySelector(".oc-more-text").textContent = text;
      parent.listMore.firstChild.textContent = `${text}: more (Enter)`;
    }

    function setExpanded(node, open) {
      if (!node.card.child_count) return;
      node.expanded = open;
      node.chartUl.hidden = !open;
      node.listUl.hidden = !open;
      node.chartLi.classList.toggle("oc-open", open);
      node.toggle.setAttribute("aria-expanded", String(open));
      node.listLi.setAttribute("aria-expanded", String(open));
      if (open && node.children === null) load(node, 0);
    }

    async function load(parent, offset) {
      if (parent.loading) return;
      parent.loading = true;
      busy += 1;
      root.dataset.busy = String(busy);
      const started = performance.now();
      try {
        const response = await fetch(levelQuery(parent, offset), {headers: {Accept: "application/json"},
                                                                   credentials: "same-origin"});
        const body = await response.json();
        if (!response.ok) throw new Error(body.error || response.statusText);
        addChildren(parent, body.cards, body.next_offset, body.total);
        if (parent.chartLi) {
          parent.chartLi.dataset.loaded = "true";
          if (offset === 0) centre(parent.box);
        }
        report();
        afterPaint(() => performance.measure("oc-expand", {start: started, end: performance.now()}));
      } catch (error) {
        summary.textContent = "could not load: " + error.message;
      } finally {
        parent.loading = false;
        busy -= 1;
        root.dataset.busy = String(busy);
      }
    }

    function centre(box) {  // bring a card (and the level opening under it) into the middle of the chart
      const chart = root.querySelector(".oc-chart");
      const at = box.getBoundingClientRect(), frame = chart.getBoundingClientRect();
      chart.scrollLeft += at.left + at.width / 2 - (frame.left + frame.width / 2);
    }

    function report() {
      summary.textContent = `${nodes.size} position${nodes.size === 1 ? "" : "s"} shown`;
    }

    // -- the list twin: a tree operated by the keyboard --------------------------------------

    function visibleItems() {
      return Array.from(listRoots.querySelectorAll('[role="treeitem"]')).filter((li) => !li.closest("[hidden]"));
    }

    function focusItem(li) {
      listRoots.querySelectorAll('[role="treeitem"][tabindex="0"]').forEach((x) => { x.tabIndex = -1; });
      li.tabIndex = 0;
      li.focus();
    }

    function nodeOf(li) {
      return nodes.get(li.dataset.position);
    }

    listRoots.addEventListener("keydown", (event) => {
      const li = event.target.closest('[role="treeitem"]');
      if (!li) return;
      const items = visibleItems();
      const at = items.indexOf(li);
      const node = li.classList.contains("oc-more") ? null : nodeOf(li);
      let handled = true;
      switch (event.key) {
        case "ArrowDown": if (at < items.length - 1) focusItem(items[at + 1]); break;
        case "ArrowUp": if (at > 0) focusItem(items[at - 1]); break;
        case "Home": focusItem(items[0]); break;
        case "End": focusItem(items[items.length - 1]); break;
        case "ArrowRight":
          if (node && node.card.child_count && !node.expanded) setExpanded(node, true);
          else if (node && node.expanded && items[at + 1] && items[at + 1].parentElement === node.listUl) {
            focusItem(items[at + 1]);
          }
          break;
        case "ArrowLeft":
          if (node && node.expanded) setExpanded(node, false);
          else {
            const up = li.parentElement.closest('[role="treeitem"]');
            if (up) focusItem(up);
          }
          break;
        case "Enter":
        case " ":
          if (!node) li.click();
          else if (node.card.child_count) setExpanded(node, !node.expanded);
          break;
        default: handled = false;
      }
      if (handled) event.preventDefault();
    });

    root.querySelectorAll(".oc-filter").forEach((box) => box.addEventListener("change", () => {
      filters[box.value] = box.checked;
      root.classList.toggle(`oc-only-${box.value}`, box.checked);
      nodes.forEach(dim);
    }));

    // -- the first level, from the page ------------------------------------------------------

    if (data.focus) {
      const focus = makeNode(data.focus, top);
      top.children.push(focus.id);
      chartRoots.append(focus.chartLi);
      listRoots.append(focus.listLi);
      if (focus.card.child_count) {
        addChildren(focus, data.cards, data.next_offset, data.total);
        focus.expanded = false;
        setExpanded(focus, true);
        focus.chartLi.dataset.loaded = "true";
      }
    } else if (data.around) {  // a what-if: the marked positions and those above them, as a tree
      const byId = new Set(data.cards.map((c) => c.id));
      const placed = new Set();
      const place = (card) => {
        if (placed.has(card.id)) return;
        const up = card.reports_to && byId.has(card.reports_to) ? data.cards.find((c) => c.id === card.reports_to) : null;
        if (up) place(up);
        placed.add(card.id);
        if (!up) addChildren(top, [card], null);
        else {
          const parent = nodes.get(up.id);
          addChildren(parent, [card], 0);
          setExpanded(parent, true);
        }
      };
      data.cards.forEach(place);
      top.total = data.cards.length;
      top.nextOffset = null;
    } else {
      addChildren(top, data.cards, data.next_offset, data.total);
    }
    const first = listRoots.querySelector('[role="treeitem"]');
    if (first) first.tabIndex = 0;
    report();
    const firstCard = chartRoots.querySelector(".oc-card");
    if (firstCard) centre(firstCard);
    afterPaint(() => {
      performance.mark("oc-first-level");
      root.dataset.ready = "true";
    });
  }

  document.querySelectorAll(".oc").forEach(setUp);
})();
