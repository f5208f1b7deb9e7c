import { PROJECT_FILE_EXTENSION, serializeProject } from '../domain/projectFile';
import type { SavedView } from '../domain/views';
import type { PresenterStore } from '../state/presenterState';
import type { ScenarioStore } from '../state/scenarioStore';
import { downloadText } from './download';

/**
 * Downloads the whole project (scenarios and slides) as *.zmdplan.json, from
 * the stores rather than from React state, so that the error boundary and the
 * storage alarm can offer it when the rest of the UI may be broken.
 */
export function downloadProject({ scenarioStore, presenterStore }: { scenarioStore: ScenarioStore; presenterStore: PresenterStore }) {
  const { scenarios, draftId } = scenarioStore.getState();
  // An open what-if draft is not part of the project until it is kept.
  downloadProjectFile(
    scenarios.filter((scenario) => scenario.id !== draftId),
    presenterStore.getState().views,
  );
}

function downloadProjectFile(scenarios: readonly Parameters<typeof serializeProject>[0][number][], views: readonly SavedView[]) {
  const now = new Date();
  downloadText(`驻马店规划项目-${now.toISOString().slice(0, 10)}${PROJECT_FILE_EXTENSION}`, serializeProject(scenarios, views, now.toISOString()), 'application/json');
}
