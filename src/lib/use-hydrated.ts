import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => undefined;

/**
 * False while the server renders and while the browser hydrates that HTML, true from then on (and at once on
 * client-side navigations). Lets a component show browser-only state without the two HTMLs disagreeing.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}
