// The share link on /rugoefening/delen/: one tap selects the whole link, and a button copies
// it where the browser lets a page write to the clipboard. Without this script the link
// stays a plain read-only field, selected and copied by hand.
"use strict";
document.querySelectorAll("[data-select-on-tap]").forEach((field) => {
  const selectAll = () => field.setSelectionRange(0, field.value.length);
  field.addEventListener("focus", selectAll);
  field.addEventListener("click", selectAll);
});
document.querySelectorAll("button[data-copy]").forEach((button) => {
  const field = document.getElementById(button.dataset.copy);
  const status = document.querySelector(`[data-copied-for="${button.dataset.copy}"]`);
  if (!field || !status) return;
  const byHand = () => {
    field.focus();
    field.setSelectionRange(0, field.value.length);
    return document.execCommand && document.execCommand("copy");
  };
  button.hidden = false;
  button.addEventListener("click", async () => {
    let copied = false;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(field.value);
        copied = true;
      } else {
        copied = byHand();
      }
    } catch (error) {
      copied = byHand();
    }
    if (!copied) byHand();
    status.textContent = copied ? button.dataset.done : button.dataset.failed;
  });
});
