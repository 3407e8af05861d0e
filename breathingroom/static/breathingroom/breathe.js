// The calm tools, made gentler to use: the breathing circle, grounding one step at a time, and a
// slider for how strong a feeling is. Every page works without this file; it only adds to them.

const BREATHE_IN = 4000;
const BREATHE_OUT = 6000;
const ROUND = BREATHE_IN + BREATHE_OUT;
const SMALL = "scale(0.6)";
const LARGE = "scale(1)";

const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

function setUpPacer(pacer) {
  const circle = pacer.querySelector("[data-circle]");
  const cue = pacer.querySelector("[data-cue]");
  const rounds = pacer.querySelector("[data-rounds]");
  const toggle = pacer.querySelector("[data-toggle]");
  const text = pacer.dataset;

  // One clock for the words and the circle, so they never drift apart, however often someone pauses.
  let before = 0;
  let runningSince = null;
  let timer = null;
  let shownPhase = null;
  let motion = null;

  const running = () => runningSince !== null;
  const elapsed = () => before + (running() ? performance.now() - runningSince : 0);

  function grow() {
    return circle.animate(
      [
        { transform: SMALL, easing: "ease-in-out" },
        { transform: LARGE, offset: BREATHE_IN / ROUND, easing: "ease-in-out" },
        { transform: SMALL },
      ],
      { duration: ROUND, iterations: Infinity },
    );
  }

  // Called on every change of state, so the circle always matches the clock and the person's wishes.
  function moveCircle() {
    // Someone who asked for less motion gets the words alone; the circle stays still.
    if (reducedMotion.matches || !circle.animate) {
      motion?.cancel();
      motion = null;
    } else if (running()) {
      motion ??= grow();
      motion.currentTime = elapsed();
      motion.play();
    } else {
      motion?.pause();
    }
  }

  function follow() {
    const t = elapsed();
    const intoRound = t % ROUND;
    const phase = intoRound < BREATHE_IN ? "in" : "out";
    // The cue is a live region: it changes once a phase, so a screen reader says each cue once.
    if (phase !== shownPhase) {
      shownPhase = phase;
      pacer.dataset.phase = phase;
      cue.textContent = phase === "in" ? text.textIn : text.textOut;
    }
    const done = String(Math.floor(t / ROUND));
    if (rounds.textContent !== done) rounds.textContent = done;
    const untilNextPhase = (phase === "in" ? BREATHE_IN : ROUND) - intoRound;
    timer = setTimeout(follow, untilNextPhase + 20);
  }

  function start() {
    runningSince = performance.now();
    moveCircle();
    toggle.textContent = text.labelPause;
    follow();
  }

  function pause() {
    before = elapsed();
    runningSince = null;
    clearTimeout(timer);
    moveCircle();
    shownPhase = null;
    delete pacer.dataset.phase;
    cue.textContent = text.textPaused;
    toggle.textContent = text.labelResume;
  }

  toggle.addEventListener("click", () => (running() ? pause() : start()));

  reducedMotion.addEventListener("change", moveCircle);

  pacer.hidden = false;
}

function setUpGrounding(ground) {
  const steps = [...ground.querySelectorAll("[data-step]")];
  const controls = ground.querySelector("[data-ground-controls]");
  const progress = ground.querySelector("[data-ground-progress]");
  const next = ground.querySelector("[data-ground-next]");
  const done = ground.querySelector("[data-ground-done]");
  const again = ground.querySelector("[data-ground-again]");
  let current = 0;

  function show(index, moveFocus) {
    current = index;
    const finished = index >= steps.length;
    steps.forEach((step, i) => {
      step.hidden = i !== index;
    });
    controls.hidden = finished;
    done.hidden = !finished;
    again.hidden = !finished;
    if (!finished) {
      progress.textContent = ground.dataset.progress
        .replace("{current}", String(index + 1))
        .replace("{total}", String(steps.length));
      next.textContent = index === steps.length - 1 ? ground.dataset.labelLast : ground.dataset.labelNext;
    }
    // Keyboard and screen-reader users land on the new step instead of being left on a button.
    if (moveFocus) (finished ? done : steps[index]).querySelector("h2").focus();
  }

  next.addEventListener("click", () => show(current + 1, true));
  again.addEventListener("click", () => show(0, true));
  ground.classList.add("is-stepping");
  show(0, false);
}

function setUpStrength(input) {
  // A slider is easier with a shaking hand than typing a number; its value stays in view beside it.
  input.type = "range";
  const row = document.createElement("div");
  row.className = "strength-row";
  const value = document.createElement("span");
  value.className = "strength-value";
  value.setAttribute("aria-hidden", "true");
  input.before(row);
  row.append(input, value);
  const update = () => {
    value.textContent = input.value;
  };
  input.addEventListener("input", update);
  update();
}

for (const pacer of document.querySelectorAll("[data-pacer]")) setUpPacer(pacer);
for (const ground of document.querySelectorAll("[data-ground]")) setUpGrounding(ground);
for (const input of document.querySelectorAll("input[data-strength]")) setUpStrength(input);
