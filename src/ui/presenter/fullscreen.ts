// Full screen for presenter mode. Browsers grant it only inside a user gesture,
// so it is requested from the click that starts presenting, not from an effect.
// A refusal (policy, an iframe, a kiosk) still presents, in the window.
import type { PresenterStore } from '../../state/presenterState';

export function enterPresenterMode(store: PresenterStore, appRoot: HTMLElement | null, index = 0) {
  store.getState().start(index);
  if (!store.getState().presenting) return;
  if (!appRoot?.requestFullscreen || document.fullscreenElement) {
    store.getState().setFullscreen(document.fullscreenElement ? 'on' : 'refused');
    return;
  }
  appRoot.requestFullscreen().then(
    () => {
      if (store.getState().presenting) store.getState().setFullscreen('on');
    },
    () => store.getState().setFullscreen('refused'),
  );
}

/** Leaves full screen when presenting ends by other means than the browser's own Esc. */
export function leaveFullscreen() {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
}
