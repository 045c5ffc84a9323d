import { useSyncExternalStore } from 'react';

// One timer for every clock on the screen (the header's clock, the live indicator, the feed's ages), running only
// while something shows the time: the screen runs for weeks, and each component's own interval would be one more
// thing to leak.

const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;
let second = Math.floor(Date.now() / 1000);

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer)
    timer = setInterval(() => {
      second = Math.floor(Date.now() / 1000);
      for (const l of listeners) l();
    }, 1000);
  return () => {
    listeners.delete(listener);
    if (!listeners.size) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

function snapshot() {
  // While nothing ticks, the second is read afresh (the first clock to mount must not show an old time).
  if (!timer) second = Math.floor(Date.now() / 1000);
  return second;
}

/** The current time (epoch ms), whole seconds, re-rendering the caller each second. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot) * 1000;
}
