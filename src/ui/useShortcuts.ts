// Keyboard shortcuts for editing. Keys typed into form fields stay there.
import { useEffect } from 'react';
import type { DrawTool } from '../state/viewState';
import { useAppContext } from './context';

const TOOL_KEYS: Record<string, DrawTool> = { v: 'select', p: 'point', l: 'linestring', g: 'polygon', m: 'measure-line' };

export function typingInto(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName));
}

export function useShortcuts(deleteSelected: () => void) {
  const { store, scenarioStore, presenterStore } = useAppContext();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (typingInto(event.target)) return;
      const view = store.getState();
      const key = event.key.toLowerCase();
      const command = event.ctrlKey || event.metaKey;
      if (command && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) scenarioStore.getState().redo();
        else scenarioStore.getState().undo();
      } else if (command && key === 'y') {
        event.preventDefault();
        scenarioStore.getState().redo();
      } else if (command || event.altKey) {
        return;
      } else if (presenterStore.getState().presenting) {
        // Presenter mode owns the plain keys (clicker keys, N, Esc): no tool switches mid-meeting.
        return;
      } else if (key === 'escape') {
        if (view.shortcutsOpen) view.setShortcutsOpen(false);
        else view.setTool('browse');
      } else if (key === 'delete' || key === 'backspace') {
        deleteSelected();
      } else if (key === 't') {
        view.setAttributeTableOpen(!view.attributeTableOpen);
      } else if (event.key === '?') {
        view.setShortcutsOpen(true);
      } else if (TOOL_KEYS[key]) {
        view.setTool(TOOL_KEYS[key]);
      }
    };
    addEventListener('keydown', onKeyDown);
    return () => removeEventListener('keydown', onKeyDown);
  }, [store, scenarioStore, presenterStore, deleteSelected]);
}
