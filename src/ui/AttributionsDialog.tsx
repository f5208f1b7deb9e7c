import { useEffect, useRef } from 'react';
import { inLanguage } from '../i18n/text';
import { useAttributions } from './basemaps';
import { useTranslate, useView } from './context';

/** The attributions the data licences require (GeoNames CC BY 4.0, and each active basemap's own: AMap terms, NBS codes for the county basemap). */
export function AttributionsDialog() {
  const t = useTranslate();
  const open = useView((state) => state.attributionsOpen);
  const setOpen = useView((state) => state.setAttributionsOpen);
  const language = useView((state) => state.language);
  const { dialogLines } = useAttributions();
  const dialogRef = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog ref={dialogRef} className="attributions" aria-labelledby="attributions-heading" onClose={() => setOpen(false)}>
      <h2 id="attributions-heading">{t('attributionsHeading')}</h2>
      <ul>
        {dialogLines.map((line) => (
          <li key={line.en}>{inLanguage(line, language)}</li>
        ))}
      </ul>
      <button type="button" onClick={() => setOpen(false)}>
        {t('attributionsClose')}
      </button>
    </dialog>
  );
}
