import { useEffect, useState } from 'react';

/** How long a message stays: long enough to read two lines, short enough not to cover the map for good. */
export const TOAST_MS = 8000;

/**
 * A passing message at the foot of the map. It goes by itself after TOAST_MS,
 * but not while the pointer is on it or focus is in it (someone is reading or
 * about to press ×), and a new message starts the time again.
 */
export function Toast({ message, onDismiss, closeLabel }: { message: string; onDismiss: () => void; closeLabel: string }) {
  const [held, setHeld] = useState(false);
  useEffect(() => {
    if (held) return;
    const timer = window.setTimeout(onDismiss, TOAST_MS);
    return () => window.clearTimeout(timer);
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
