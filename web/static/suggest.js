// Fields that ask for a person, an org unit or a skill: suggest names as you type, submit the id.
//
// Markup (see the templates): <span class="suggest" data-suggest="people|units|skills" [data-multiple]>
//   <input class="suggest-input" role="combobox" ...>   what the person reads and types: names
//   <input type="hidden" name="...">                    what the form sends: the id (ids, space separated)
//   <ul class="suggest-list" role="listbox" hidden></ul>
//   [<ul class="suggest-chosen"></ul>]                   data-multiple: the people chosen so far
// </span>
// Keyboard: type two letters, ArrowDown/ArrowUp to move, Enter to choose, Escape to close.
// Typing an id and submitting still works: until a suggestion is chosen, the typed text is sent.
// Everything from the server is put in with textContent, never as HTML.
(function () {
  "use strict";
  const SOURCES = {
    people: {url: "/api/people?q=", list: (body) => body.people.map((p) => ({
      id: p.id, name: p.name, detail: [p.title, p.org_unit_name].filter(Boolean).join(", ")}))},
    units: {url: "/api/units?q=", list: (body) => body.units.map((u) => ({
      id: u.id, name: u.name, detail: u.parent_name ? "in " + u.parent_name : ""}))},
    skills: {url: "/api/skills?q=", list: (body) => body.skills.map((s) => ({id: s, name: s, detail: ""}))},
  };
  let widgets = 0;

  function setUp(box) {
    const source = SOURCES[box.dataset.suggest];
    const input = box.querySelector(".suggest-input");
    const hidden = box.querySelector("input[type=hidden]");
    const list = box.querySelector(".suggest-list");
    const chosenList = box.querySelector(".suggest-chosen");
    const multiple = box.hasAttribute("data-multiple");
    if (!source || !input || !hidden || !list) return;
    const prefix = "suggest-" + (++widgets);
    list.id = list.id || prefix + "-list";
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-expanded", "false");
    let found = [];
    let active = -1;
    let asked = "";
    let timer = null;
    const chosen = [];  // multiple: [{id, name}]

    function close() {
      list.hidden = true;
      list.replaceChildren();
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      found = [];
      active = -1;
      asked = "";
    }

    function highlight(index) {
      active = index;
      Array.from(list.children).forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", list.children[index].id);
        list.children[index].scrollIntoView({block: "nearest"});
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function syncMultiple() {
      hidden.value = chosen.map((c) => c.id).join(" ");
      if (!chosenList) return;
      chosenList.replaceChildren(...chosen.map((c, i) => {
        const item = document.createElement("li");
        item.className = "suggest-chip";
        item.dataset.id = c.id;
        item.title = c.id;
        const name = document.createElement("span");
        name.textContent = c.name;
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "×";
        remove.setAttribute("aria-label", "remove " + c.name);
        remove.addEventListener("click", () => { chosen.splice(i, 1); syncMultiple(); input.focus(); });
        item.append(name, " ", remove);
        return item;
      }));
    }

    function choose(index) {
      const pick = found[index];
      if (!pick) return;
      if (multiple) {
        if (!chosen.some((c) => c.id === pick.id)) chosen.push({id: pick.id, name: pick.name});
        input.value = "";
        syncMultiple();
      } else {
        input.value = pick.name;
        hidden.value = pick.id;
        input.title = pick.id;
      }
      box.dataset.chosen = pick.id;
      close();
    }

    function show(items) {
      found = items;
      list.replaceChildren(...items.map((item, i) => {
        const option = document.createElement("li");
        option.id = prefix + "-option-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.id = item.id;
        option.title = item.id;
        const name = document.createElement("span");
        name.className = "suggest-name";
        name.textContent = item.name;
        option.append(name);
        if (item.detail) {
          const detail = document.createElement("span");
          detail.className = "muted suggest-detail";
          detail.textContent = " " + item.detail;
          option.append(detail);
        }
        option.addEventListener("mousedown", (event) => { event.preventDefault(); choose(i); });
        return option;
      }));
      list.hidden = items.length === 0;
      input.setAttribute("aria-expanded", String(items.length > 0));
      active = -1;
    }

    async function ask() {
      const text = input.value.trim();
      if (text.length < 2) { close(); return; }
      if (text === asked) return;
      asked = text;
      const response = await fetch(source.url + encodeURIComponent(text), {headers: {Accept: "application/json"}});
      if (!response.ok || text !== input.value.trim()) return;
      show(source.list(await response.json()));
    }

    input.addEventListener("input", () => {
      if (!multiple) { hidden.value = input.value.trim(); input.removeAttribute("title"); }
      delete box.dataset.chosen;
      clearTimeout(timer);
      timer = setTimeout(ask, 150);
    });
    input.addEventListener("keydown", (event) => {
      const open = !list.hidden && found.length > 0;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (open) highlight((active + 1) % found.length); else { asked = ""; ask(); }
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active <= 0 ? found.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();  // Enter chooses; the next Enter sends the form
        choose(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
    if (multiple) {
      const form = input.form;
      // what the page was rendered with: the ids and names chosen before
      Array.from(box.querySelectorAll(".suggest-chosen [data-id]")).forEach((item) => {
        chosen.push({id: item.dataset.id, name: item.dataset.name || item.dataset.id});
      });
      syncMultiple();
      if (form) {
        form.addEventListener("submit", () => {  // typed ids not chosen from the list still count
          const typed = input.value.replace(/,/g, " ").split(/\s+/).filter(Boolean);
          hidden.value = chosen.map((c) => c.id).concat(typed).join(" ");
        });
      }
    }
  }

  document.querySelectorAll(".suggest[data-suggest]").forEach(setUp);
})();
