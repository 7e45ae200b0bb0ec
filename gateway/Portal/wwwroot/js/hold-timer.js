// A hold timer for exercises with holds: counts down in the button itself and vibrates at the end where the phone can.
// The page works without it: the dose says how long to hold.
document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-hold-seconds]");
    if (!button || button.dataset.running) return;
    const label = button.textContent;
    let left = Number(button.dataset.holdSeconds);
    button.dataset.running = "1";
    const tick = () => {
        if (left <= 0) {
            button.textContent = "Done: rest, then " + label.toLowerCase();
            delete button.dataset.running;
            if (navigator.vibrate) navigator.vibrate(300);
            return;
        }
        button.textContent = "Hold… " + left + " s";
        left -= 1;
        setTimeout(tick, 1000);
    };
    tick();
});
