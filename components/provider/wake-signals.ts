/**
 * The page's moments worth retrying at once (back online, focus, visible
 * again), and whether it is online and visible, for the store's automatic
 * recovery. The store knows no DOM; the provider hands it these.
 */
import type { WakeSignals } from '../../src/state/recovery.js';

export function browserWakeSignals(win: Window = window): WakeSignals {
  const doc = win.document;
  return {
    subscribe(wake) {
      const onVisible = (): void => {
        if (doc.visibilityState === 'visible') wake();
      };
      win.addEventListener('online', wake);
      win.addEventListener('focus', wake);
      doc.addEventListener('visibilitychange', onVisible);
      return () => {
        win.removeEventListener('online', wake);
        win.removeEventListener('focus', wake);
        doc.removeEventListener('visibilitychange', onVisible);
      };
    },
    onNetwork(listener) {
      const online = (): void => listener(true);
      const offline = (): void => listener(false);
      win.addEventListener('online', online);
      win.addEventListener('offline', offline);
      return () => {
        win.removeEventListener('online', online);
        win.removeEventListener('offline', offline);
      };
    },
    isOnline: () => win.navigator.onLine !== false,
    isVisible: () => doc.visibilityState !== 'hidden',
  };
}
