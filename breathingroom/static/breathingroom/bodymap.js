// The body map: tapping a place on a figure ticks it in the list below, and the figures show what the
// list says. Without this file each place is a link to its line in the list, and the list alone works.
// Each named place becomes a checkbox of its own (Space or Enter toggles it); arms and legs drawn on
// the back answer a finger too, without being a second control for a screen reader.

function setUp(map) {
  const form = map.closest("form");
  if (!form) return;
  const boxes = new Map([...form.querySelectorAll('input[name="places"]')].map((box) => [box.value, box]));
  const shapes = [...map.querySelectorAll("[data-region]")].filter((shape) => boxes.has(shape.dataset.region));
  const chosen = map.parentElement.querySelector("[data-chosen]");

  for (const shape of shapes) {
    if (shape.getAttribute("aria-hidden") === "true") continue;
    shape.removeAttribute("href");
    shape.setAttribute("role", "checkbox");
    shape.setAttribute("tabindex", "0");
    shape.addEventListener("keydown", (event) => {
      if (event.key !== " " && event.key !== "Enter") return;
      event.preventDefault();
      toggle(shape.dataset.region);
    });
  }

  map.addEventListener("click", (event) => {
    const shape = event.target.closest("[data-region]");
    if (!shape || !boxes.has(shape.dataset.region)) return;
    event.preventDefault();
    toggle(shape.dataset.region);
  });

  form.addEventListener("change", (event) => {
    if (event.target.name === "places") show();
  });

  function toggle(region) {
    const box = boxes.get(region);
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  }

  function show() {
    for (const shape of shapes) {
      const on = boxes.get(shape.dataset.region).checked;
      shape.classList.toggle("is-chosen", on);
      if (shape.getAttribute("role") === "checkbox") shape.setAttribute("aria-checked", String(on));
    }
    if (!chosen) return;
    const names = [...boxes.values()]
      .filter((box) => box.checked)
      .map((box) => box.labels[0]?.textContent.trim() ?? box.value);
    chosen.textContent = names.length ? chosen.dataset.some.replace("{places}", names.join(", ")) : chosen.dataset.none;
  }

  show();
}

for (const map of document.querySelectorAll("[data-body-map]")) setUp(map);
