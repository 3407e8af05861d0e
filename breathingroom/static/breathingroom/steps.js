// A long form shown one step at a time, with Back and Next; it is still one form, posted once.
// Without this file every step shows, one under the other, and the form works the same.

function stepThrough(form) {
  const steps = [...form.querySelectorAll("[data-step]")];
  const submit = form.querySelector("[data-step-submit]");
  // An error the page could not place in a step: every step stays in view, so nothing is hidden.
  if (steps.length < 2 || form.querySelector(".form-errors")) return;

  let current = 0;

  function show(index, { focus = true } = {}) {
    current = Math.max(0, Math.min(index, steps.length - 1));
    steps.forEach((step, i) => {
      step.hidden = i !== current;
    });
    if (!focus) return;
    steps[current].querySelector("h2").focus({ preventScroll: true });
    // From the bottom of a long step, the next one is brought into view from its start.
    steps[current].querySelector(".step-count").scrollIntoView({ block: "nearest" });
  }

  // Fields of this step that the browser would refuse: said now, before moving on.
  function stepIsValid() {
    for (const field of steps[current].querySelectorAll("input, select, textarea")) {
      if (!field.checkValidity()) {
        field.reportValidity();
        return false;
      }
    }
    return true;
  }

  form.dataset.stepping = "";
  for (const nav of form.querySelectorAll("[data-step-nav]")) nav.hidden = false;
  // The way to send it sits beside Back on the last step.
  steps[steps.length - 1].querySelector("[data-step-nav]").append(...submit.children);
  submit.remove();

  form.addEventListener("click", (event) => {
    if (event.target.closest("[data-step-next]") && stepIsValid()) show(current + 1);
    if (event.target.closest("[data-step-back]")) show(current - 1);
  });

  // Enter in a one-line field moves on instead of sending a form whose later steps are unseen.
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || event.isComposing || current === steps.length - 1) return;
    if (!(event.target instanceof HTMLInputElement) || ["checkbox", "radio"].includes(event.target.type)) return;
    event.preventDefault();
    if (stepIsValid()) show(current + 1);
  });

  // Should the browser find a problem in a step out of view, that step comes into view.
  form.addEventListener(
    "invalid",
    (event) => {
      const step = event.target.closest("[data-step]");
      if (step?.hidden) show(steps.indexOf(step), { focus: false });
    },
    true,
  );

  // After a refusal, the first step with something to put right; otherwise the first.
  const troubled = steps.findIndex((step) => step.querySelector(".error, .field-invalid, [role='alert']"));
  show(troubled === -1 ? 0 : troubled, { focus: troubled !== -1 });
}

for (const form of document.querySelectorAll("form[data-steps]")) stepThrough(form);
