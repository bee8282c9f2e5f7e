import { Component, type ReactNode } from 'react';
import { i18next } from '../i18n';

interface Props {
  children: ReactNode;
  /** When this changes, the boundary tries to render its children again. */
  resetKey: unknown;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

/** Shows a message instead of a blank page if its children fail to render. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey === state.resetKey ? null : { error: null, resetKey: props.resetKey };
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" className="alert">
          <strong>{i18next.t('errorBoundary.failed')}</strong> {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}
