// The map works without this script (every area has a title for hover and an accessible name for screen readers,
// and the table lists every figure); it adds the figure of the area pointed at or focused to the map's caption,
// which a keyboard user would otherwise not see.
(() => {
  for (const figure of document.querySelectorAll(".world-map-figure")) {
    const caption = figure.querySelector("[data-map-caption]");
    if (!caption) continue;
    const show = (event) => {
      const area = event.target.closest(".map-area");
      if (area) caption.textContent = area.getAttribute("aria-label");
    };
    figure.addEventListener("focusin", show);
    figure.addEventListener("pointerover", show);
  }
})();
