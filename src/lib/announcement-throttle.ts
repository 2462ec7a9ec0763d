/**
 * Paces what a live region says, so a screen reader is told how a run goes without being talked over:
 * at most one announcement per interval, each one the latest news (a message superseded while waiting is
 * never said), and the final one at once, whatever the pace.
 */

/** How often a run's live region may speak: a screen reader is told the news without being talked over. */
export const CALM_ANNOUNCEMENT_INTERVAL_MS = 3000;

export type AnnouncementThrottle = {
  /** Says `text` now if the interval allows it, or else as soon as it does unless newer text replaces it. */
  announce(text: string): void;
  /** Says `text` at once and stops: nothing pending or later is said after the final word. */
  announceFinal(text: string): void;
  /** Drops anything pending (the region is going away). */
  dispose(): void;
};

export type AnnouncementThrottleOptions = {
  intervalMs: number;
  /** Puts the text into the live region. */
  emit: (text: string) => void;
  now?: () => number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
};

export function createAnnouncementThrottle({
  intervalMs,
  emit,
  now = () => Date.now(),
  setTimer = (callback, ms) => setTimeout(callback, ms),
  clearTimer = (timer) => {
    clearTimeout(timer as ReturnType<typeof setTimeout>);
  },
}: AnnouncementThrottleOptions): AnnouncementThrottle {
  let lastEmitAt = Number.NEGATIVE_INFINITY;
  let lastText: string | null = null;
  let pending: string | null = null;
  let timer: unknown = null;
  let finished = false;

  const cancelPending = () => {
    if (timer !== null) clearTimer(timer);
    timer = null;
    pending = null;
  };
  const say = (text: string) => {
    lastEmitAt = now();
    lastText = text;
    emit(text);
  };

  return {
    announce(text) {
      if (finished) return;
      if (timer !== null) {
        // Already waiting for the interval to pass: the newest text takes the waiting one's place.
        pending = text === lastText ? null : text;
        return;
      }
      if (text === lastText) return;
      const wait = lastEmitAt + intervalMs - now();
      if (wait <= 0) {
        say(text);
        return;
      }
      pending = text;
      timer = setTimer(() => {
        timer = null;
        const next = pending;
        pending = null;
        if (next !== null) say(next);
      }, wait);
    },
    announceFinal(text) {
      if (finished) return;
      cancelPending();
      finished = true;
      say(text);
    },
    dispose() {
      cancelPending();
      finished = true;
    },
  };
}
