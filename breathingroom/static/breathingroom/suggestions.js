// Words to pick from beside a message: each suggestion in the list becomes a button that puts its
// words in the box, ready to send or to change. Without this file the list still reads as ideas.
// A suggestion's words are its text, or its data-words when it shows more than the words (a label
// saying which need they meet).
//
// A list marked data-suggestions-insert adds the words to what is already in the box, where the
// cursor is, instead of replacing it, so several can be put together; tapping one that is already
// in the box takes it out again.
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

  const inserting = list.hasAttribute("data-suggestions-insert");

  function insert(words) {
    const value = box.value;
    const at = value.indexOf(words);
    if (at >= 0) {
      // Already there: take it out, with the space that set it apart.
      let before = value.slice(0, at);
      let after = value.slice(at + words.length);
      if (/\s$/.test(before)) before = before.slice(0, -1);
      else if (/^\s/.test(after)) after = after.slice(1);
      box.value = before + after;
      return;
    }
    const start = box.selectionStart ?? value.length;
    const end = box.selectionEnd ?? start;
    const before = value.slice(0, start);
    const gap = before && !/\s$/.test(before) ? (box.tagName === "TEXTAREA" ? "\n" : " ") : "";
    box.value = before + gap + words + value.slice(end);
    const caret = (before + gap + words).length;
    box.setSelectionRange(caret, caret);
  }

  function choose(words) {
    if (inserting) insert(words);
    else box.value = words;
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function add(item, words, label) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "suggestion";
    if (label === null) button.append(...item.childNodes);
    else button.textContent = label;
    button.dir = "auto";
    button.addEventListener("click", () => choose(words));
    buttons.push({ button, words });
    item.replaceChildren(button);
  }

  for (const item of list.querySelectorAll("[data-suggestion]")) {
    add(item, item.dataset.words ?? item.textContent.trim(), null);
  }
  if (asked) {
    const item = document.createElement("li");
    list.prepend(item);
    add(item, asked, note.dataset.askedAgain);
    back = item;
  }

  function reflect() {
    const now = box.value.trim();
    for (const { button, words } of buttons) {
      const chosen = inserting ? box.value.includes(words.trim()) : now === words.trim();
      button.setAttribute("aria-pressed", String(chosen));
    }
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
