// Words to pick from beside a message: each suggestion in the list becomes a button that puts its
// words in the box, ready to send or to change. Without this file the list still reads as ideas.
//
// When the box was filled with the words the partner asked to hear, the note saying so stays only
// while those are the words in the box, and a button brings them back.

function offer(list) {
  const box = document.getElementById(list.dataset.suggestionsFor);
  if (!box) return;
  const note = document.getElementById("asked-note");
  const asked = note?.dataset.askedWords ?? null;
  const buttons = [];
  let back = null;

  function choose(words) {
    box.value = words;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function add(item, words, label) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "suggestion";
    button.textContent = label;
    button.dir = "auto";
    button.addEventListener("click", () => choose(words));
    buttons.push({ button, words });
    item.replaceChildren(button);
  }

  for (const item of list.querySelectorAll("[data-suggestion]")) {
    add(item, item.textContent.trim(), item.textContent.trim());
  }
  if (asked) {
    const item = document.createElement("li");
    list.prepend(item);
    add(item, asked, note.dataset.askedAgain);
    back = item;
  }

  function reflect() {
    const now = box.value.trim();
    for (const { button, words } of buttons) button.setAttribute("aria-pressed", String(now === words.trim()));
    if (asked) {
      const theirs = now === asked.trim();
      note.hidden = !theirs;
      // Their words are already in the box: the way back to them is needed only once they are not.
      back.hidden = theirs;
    }
  }

  box.addEventListener("input", reflect);
  reflect();
}

for (const list of document.querySelectorAll("[data-suggestions-for]")) offer(list);
