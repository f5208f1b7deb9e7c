import { useEffect, useRef } from 'react';
import type { MessageKey } from '../i18n/dictionary';
import { useTranslate, useView } from './context';

const ATTRIBUTION_LINES: MessageKey[] = [
  'attributionPlans',
  'attributionGeoNames',
  'attributionBoundaries',
  'attributionDivisions',
  'attributionCrs',
  'attributionMapReview',
];

/** The attributions the data licences require (GeoNames CC BY 4.0, AMap terms, NBS codes). */
export function AttributionsDialog() {
  const t = useTranslate();
  const open = useView((state) => state.attributionsOpen);
  const setOpen = useView((state) => state.setAttributionsOpen);
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
        {ATTRIBUTION_LINES.map((key) => (
          <li key={key}>{t(key)}</li>
        ))}
      </ul>
      <button type="button" onClick={() => setOpen(false)}>
        {t('attributionsClose')}
      </button>
    </dialog>
  );
}
