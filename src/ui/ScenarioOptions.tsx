import { BASELINE_SCENARIO_ID } from '../domain/scenario';
import { useScenario, useTranslate } from './context';

/** The baseline and every scenario, as <option>s for a scenario picker. */
export function ScenarioOptions() {
  const t = useTranslate();
  const scenarios = useScenario((state) => state.scenarios);
  return (
    <>
      <option value={BASELINE_SCENARIO_ID}>{t('scenarioBaseline')}</option>
      {scenarios.map((scenario) => (
        <option key={scenario.id} value={scenario.id}>
          {scenario.name}
        </option>
      ))}
    </>
  );
}
