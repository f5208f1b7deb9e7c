// A failure inside one part of the screen must not blank the page: the part
// shows what happened and offers the project-file export, and the rest of the
// app (and every saved edit) keeps working.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import type { Translate } from './context';

/** A part's code that could not be fetched (offline after an update): said as such, not as a crash. */
export class PartLoadError extends Error {
  override name = 'PartLoadError';
}

interface Props {
  /** Which part of the screen this guards, in the interface language ("图层面板"). */
  area: string;
  t: Translate;
  onExportProject: () => void;
  children: ReactNode;
}

interface State {
  error: Error | null;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // Kept in the console for whoever is asked to look at it.
    console.error(`[${this.props.area}]`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { t, area } = this.props;
    return (
      <div className="panel-error" role="alert" data-testid="panel-error">
        <p>
          <strong>{t('panelErrorHeading', { area })}</strong>
        </p>
        <p>{error instanceof PartLoadError ? t('partLoadFailed', { part: area }) : t('panelErrorBody')}</p>
        <p className="panel-error-detail">{error.message}</p>
        <div className="panel-error-actions">
          <button type="button" onClick={this.props.onExportProject}>
            {t('projectExport')}
          </button>
          <button type="button" onClick={() => this.setState({ error: null })}>
            {t('panelErrorRetry')}
          </button>
        </div>
      </div>
    );
  }
}
