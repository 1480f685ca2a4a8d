/* Copy buttons, a progressive enhancement. A template marks a place with
     <span class="copy-slot" data-copy="https://…" data-copy-label="Copy the Atom address of X"></span>
   and this script puts a button there that copies `data-copy` to the clipboard. Without
   JavaScript the address beside the slot stays visible to select by hand. The slot has its size
   in site.css, so the button moves nothing. No inline script, no other host. */
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

  function enhance(slot) {
    const text = slot.dataset.copy;
    if (!text || slot.querySelector("button")) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "copy-button";
    const icon = document.createElement("span");
    icon.className = "icon icon-copy";
    icon.setAttribute("aria-hidden", "true");
    const label = document.createElement("span");
    label.className = "copy-text";
    label.textContent = "Copy";
    button.append(icon, label);
    button.setAttribute("aria-label", slot.dataset.copyLabel || `Copy ${text}`);
    button.addEventListener("click", async () => {
      const ok = await copy(text);
      label.textContent = ok ? "Copied" : "Press Ctrl+C";
      announce(ok ? `Copied ${text}` : "Copying failed: select the address and copy it");
      window.setTimeout(() => {
        label.textContent = "Copy";
      }, DONE_MS);
    });
    slot.append(button);
  }

  for (const slot of document.querySelectorAll(".copy-slot[data-copy]")) enhance(slot);
})();
