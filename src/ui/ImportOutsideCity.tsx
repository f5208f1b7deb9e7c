// The import dialog's report of features outside the city boundary: how many,
// how far, in which neighbouring city — and the planner's choice to keep them
// or leave them out (never decided silently). Found in the io worker with the
// read (src/worker/io.worker.ts, src/domain/drawnGeometry.ts).
import { importOutsideCityMessage, type ImportOutsideCity } from '../domain/drawnGeometry';
import { useTranslate, useView } from './context';

export function ImportOutsideCityChoice({ found, total, leaveOut, onChange }: { found: ImportOutsideCity; total: number; leaveOut: boolean; onChange: (leaveOut: boolean) => void }) {
  const t = useTranslate();
  const language = useView((state) => state.language);
  return (
    <fieldset className="import-outside" data-testid="import-outside-city" data-outside={found.ids.size}>
      <legend>{importOutsideCityMessage(found, total)[language]}</legend>
      <label className="check">
        <input type="radio" name="import-outside" checked={!leaveOut} onChange={() => onChange(false)} />
        {t('importOutsideKeep', { count: found.ids.size })}
      </label>
      <label className="check">
        <input type="radio" name="import-outside" checked={leaveOut} onChange={() => onChange(true)} />
        {t('importOutsideLeave', { count: found.ids.size })}
      </label>
    </fieldset>
  );
}
