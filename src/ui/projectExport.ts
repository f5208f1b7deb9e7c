import { PROJECT_FILE_EXTENSION, serializeProject } from '../domain/projectFile';
import type { Scenario } from '../domain/scenario';
import { downloadText } from './download';

/**
 * Downloads the whole project as *.zmdplan.json. Kept free of React so that the
 * error boundary and the storage alarm can offer it when the rest of the UI
 * may be broken.
 */
export function downloadProjectFile(scenarios: readonly Scenario[], views: readonly unknown[]) {
  const now = new Date();
  downloadText(`驻马店规划项目-${now.toISOString().slice(0, 10)}${PROJECT_FILE_EXTENSION}`, serializeProject(scenarios, views, now.toISOString()), 'application/json');
}
