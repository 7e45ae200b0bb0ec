// Progressive enhancement for a server-rendered page that watches something live (the ops dashboard): every
// data-refresh-seconds the region marked data-live-region is fetched again and swapped in place, so focus and
// scroll stay where they are. A Pause button stops it (WCAG 2.2.2); without JavaScript the page has a Refresh link.
(() => {
    let timer = null;
    let paused = false;

    function schedule() {
        clearTimeout(timer);
        const region = document.querySelector('[data-live-region]');
        if (!region || paused) return;
        const seconds = Number(region.dataset.refreshSeconds) || 15;
        timer = setTimeout(refresh, seconds * 1000);
    }

    async function refresh() {
        const region = document.querySelector('[data-live-region]');
        if (!region || paused) return;
        try {
            const response = await fetch(location.href, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
            if (response.ok && !response.redirected) {
                const next = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('[data-live-region]');
                const openDetails = [...region.querySelectorAll('details[open]')].map(d => d.id).filter(Boolean);
                if (next) {
                    region.replaceChildren(...next.childNodes);
                    openDetails.forEach(id => document.getElementById(id)?.setAttribute('open', ''));
                }
            }
        } catch { /* the next tick tries again */ }
        schedule();
    }

    function bindPause() {
        const button = document.querySelector('[data-live-pause]');
        if (!button || button.dataset.bound) return;
        button.dataset.bound = 'true';
        button.hidden = false;
        button.addEventListener('click', () => {
            paused = !paused;
            button.textContent = paused ? 'Resume auto-refresh' : 'Pause auto-refresh';
            button.setAttribute('aria-pressed', String(paused));
            schedule();
        });
    }

    function start() { paused = false; bindPause(); schedule(); }
    document.addEventListener('DOMContentLoaded', start);
    // Blazor's enhanced navigation swaps pages without a load event.
    if (window.Blazor?.addEventListener) window.Blazor.addEventListener('enhancedload', start);
    else document.addEventListener('DOMContentLoaded', () => window.Blazor?.addEventListener?.('enhancedload', start));
})();
