// Polls a report export's status and reloads the page when it is done or failed.
(function () {
  const box = document.getElementById('export-status');
  if (!box || !['queued', 'running'].includes(box.dataset.status)) return;
  const bar = document.getElementById('export-progress');
  const elapsed = document.getElementById('export-elapsed');
  const template = elapsed ? elapsed.textContent.replace(/\d+/, '{0}') : '';
  async function poll() {
    try {
      const response = await fetch(box.dataset.statusUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (response.ok) {
        const state = await response.json();
        if (bar) bar.value = state.progress;
        if (elapsed) elapsed.textContent = template.replace('{0}', state.elapsedSeconds);
        if (state.status === 'done' || state.status === 'failed') { window.location.reload(); return; }
      }
    } catch (e) { /* network hiccup: try again */ }
    setTimeout(poll, 1500);
  }
  setTimeout(poll, 1000);
})();
