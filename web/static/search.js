// Name search as you type: suggestions from /api/people, built with DOM text only.
(function () {
  "use strict";
  const input = document.querySelector("form.search input[name=q]");
  const list = document.getElementById("suggestions");
  if (!input || !list) return;
  let timer = null;
  let asked = "";

  async function suggest() {
    const text = input.value.trim();
    if (text.length < 2 || text === asked) {
      if (text.length < 2) list.replaceChildren();
      return;
    }
    asked = text;
    const response = await fetch("/api/people?q=" + encodeURIComponent(text), {headers: {Accept: "application/json"}});
    if (!response.ok || text !== input.value.trim()) return;
    const body = await response.json();
    list.replaceChildren(...body.people.map((person) => {
      const item = document.createElement("li");
      const link = document.createElement("a");
      link.href = "/people/" + encodeURIComponent(person.id);
      link.textContent = person.name;
      const detail = document.createElement("span");
      detail.className = "muted";
      detail.textContent = " " + [person.title, person.org_unit_name].filter(Boolean).join(", ");
      item.append(link, detail);
      return item;
    }));
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(suggest, 150); });
})();
