/* Copy buttons, a progressive enhancement. A template marks a place with
     <span class="copy-slot" data-copy="https://…" data-copy-label="Copy the Atom address of X"></span>
   and this script puts a button there that copies `data-copy` to the clipboard. Without
   JavaScript the address beside the slot stays visible to select by hand. The slot has its size
   in site.css, so the button moves nothing. Each code block of a post or page (Pygments'
   `.highlight` box) gets a button too, laid over its top right corner (pages.css), which copies
   the code as the block shows it. No inline script, no other host. */
(() => {
  "use strict";

  const DONE_MS = 2000;
  let live;

  function announce(text) {
    if (!live) {
      live = document.createElement("p");
      live.className = "visually-hidden";
      live.setAttribute("role", "status");
      document.body.append(live);
    }
    live.textContent = "";
    window.setTimeout(() => {
      live.textContent = text;
    }, 50);
  }

  // Older browsers, or pages not served over HTTPS/loopback: select a hidden copy and copy it.
  function fallbackCopy(text) {
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }

  async function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch {
        return fallbackCopy(text);
      }
    }
    return fallbackCopy(text);
  }

  // A copy button in `slot` for the text textOf() returns when clicked; `what` names it.
  function addButton(slot, textOf, label, what) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    const icon = document.createElement("span");
    icon.className = "icon icon-copy";
    icon.setAttribute("aria-hidden", "true");
    const text = document.createElement("span");
    text.className = "copy-text";
    text.textContent = "Copy";
    button.append(icon, text);
    button.setAttribute("aria-label", label);
    button.addEventListener("click", async () => {
      const ok = await copy(textOf());
      text.textContent = ok ? "Copied" : "Press Ctrl+C";
      announce(ok ? `Copied ${what}` : `Copying failed: select ${what} and copy it`);
      window.setTimeout(() => {
        text.textContent = "Copy";
      }, DONE_MS);
    });
    slot.append(button);
    return button;
  }

  for (const slot of document.querySelectorAll(".copy-slot[data-copy]")) {
    const address = slot.dataset.copy;
    if (!address || slot.querySelector("button")) continue;
    const label = slot.dataset.copyLabel || `Copy ${address}`;
    addButton(slot, () => address, label, address);
  }
  for (const box of document.querySelectorAll("main .highlight")) {
    const code = box.querySelector("pre");
    if (!code || box.querySelector(".copy-button")) continue;
    // innerText: what the block shows (not the text of a closed <details> inside it).
    addButton(box, () => code.innerText, "Copy the code", "the code").classList.add("code-copy");
  }
})();
