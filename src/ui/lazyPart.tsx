// Parts of the screen whose code loads when first shown (React.lazy): dialogs,
// presenter mode, the compare maps, the side panels' other tabs. Until the
// code arrives the part says 正在加载… / Loading…; if it cannot arrive
// (offline after an update, so the old file names are gone) the part says so
// and offers the project export, and the rest of the app keeps working.
import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { MessageKey } from '../i18n/dictionary';
import { useAppContext, useTranslate } from './context';
import { ErrorBoundary, PartLoadError } from './ErrorBoundary';
import { downloadProject } from './projectExport';

/**
 * A component whose code loads on first render, used exactly like the module's
 * own export: it brings its loading line and its error boundary (`area` names
 * the part in the messages), so the places that show it need no change.
 */
export function lazyPart<Module, Props extends object>(load: () => Promise<Module>, pick: (module: Module) => ComponentType<Props>, area: MessageKey) {
  const Lazy = lazy(() =>
    load().then(
      (module) => ({ default: pick(module) }),
      (error: unknown) => {
        throw new PartLoadError(error instanceof Error ? error.message : String(error), { cause: error });
      },
    ),
  );
  return function LoadedOnFirstUse(props: Props) {
    const t = useTranslate();
    return (
      <LazyPart area={t(area)}>
        <Lazy {...props} />
      </LazyPart>
    );
  };
}

/** Where a lazy part is shown: a loading line while its code arrives, a clear message if it cannot. */
function LazyPart({ area, children }: { area: string; children: ReactNode }) {
  const t = useTranslate();
  const context = useAppContext();
  return (
    <div className="lazy-part">
      <ErrorBoundary area={area} t={t} onExportProject={() => downloadProject(context)}>
        <Suspense
          fallback={
            <p className="lazy-loading" role="status" data-testid="lazy-loading">
              {t('lazyLoading')}
            </p>
          }
        >
          {children}
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}
