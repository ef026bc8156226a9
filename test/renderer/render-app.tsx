/** Renders the whole inspector against a FakeInboxApi in jsdom. */
import { render } from '@testing-library/react';
import { ApiProvider } from '../../renderer/src/api/context';
import { App } from '../../renderer/src/App';
import { FakeInboxApi } from './fake-api';

/** jsdom does no layout: give every element a viewport so the virtual list renders rows. */
export function fakeLayout(): void {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'offsetWidth', { configurable: true, get: () => 1000 });
}

export function renderApp(api = new FakeInboxApi()) {
  const view = render(
    <ApiProvider api={api}>
      <App />
    </ApiProvider>,
  );
  return { api, ...view };
}
