import { useEffect, useState } from 'react';

/** How long a message stays: long enough to read two lines, short enough not to cover the map for good. */
export const TOAST_MS = 8000;
const TICK_MS = 250;

/**
 * A passing message at the foot of the map. It goes by itself after TOAST_MS on screen,
 * but not while the pointer is on it or focus is in it (someone is reading or
 * about to press ×), and a new message starts the time again.
 */
export function Toast({ message, onDismiss, closeLabel }: { message: string; onDismiss: () => void; closeLabel: string }) {
  const [held, setHeld] = useState(false);
  // Counted in small ticks, each worth at most one tick: when a big import keeps
  // the page busy for seconds, that time is not time the planner saw the message.
  useEffect(() => {
    if (held) return;
    let shown = 0;
    let last = performance.now();
    const timer = window.setInterval(() => {
      const now = performance.now();
      shown += Math.min(now - last, TICK_MS);
      last = now;
      if (shown >= TOAST_MS) onDismiss();
    }, TICK_MS);
    return () => window.clearInterval(timer);
  }, [message, held, onDismiss]);
  return (
    <p
      className="toast"
      role="status"
      data-testid="toast"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocus={() => setHeld(true)}
      onBlur={() => setHeld(false)}
    >
      {message}
      <button type="button" className="icon" aria-label={closeLabel} onClick={onDismiss}>
        ×
      </button>
    </p>
  );
}
