// @vitest-environment jsdom
/** Setup's public URL field (desktop app): https only with a clear error, saved, cleared back to the tunnel. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { FakeInboxApi } from './fake-api';
import { fakeLayout, renderApp } from './render-app';

beforeEach(() => fakeLayout());
afterEach(cleanup);

const openSetup = (api: FakeInboxApi) => {
  renderApp(api);
  fireEvent.click(screen.getByRole('tab', { name: 'Setup' }));
};

it('refuses a non-https URL with a clear error and saves nothing; saves an https one; "Use the tunnel" clears it', async () => {
  const api = new FakeInboxApi();
  api.status = { ...api.status, mode: 'desktop' };
  openSetup(api);
  const field = await screen.findByLabelText('Public URL') as HTMLInputElement;
  fireEvent.change(field, { target: { value: 'http://inbox.example.com/' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save public URL' }));
  expect(await screen.findByText(/must start with https:\/\/.*only over HTTPS/)).toBeTruthy();
  expect(api.publicUrl.saved).toEqual([]); // refused before it was sent

  fireEvent.change(field, { target: { value: 'https://inbox.example.com/dt' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save public URL' }));
  expect(await screen.findByText('Saved. The DT connector now follows https://inbox.example.com/dt.')).toBeTruthy();
  expect(api.publicUrl.url).toBe('https://inbox.example.com/dt');

  fireEvent.click(screen.getByRole('button', { name: 'Use the tunnel' }));
  expect(await screen.findByText(/Cleared\. The DT connector follows the tunnel's URL again/)).toBeTruthy();
  expect(api.publicUrl.url).toBeNull();
  await waitFor(() => expect(field.value).toBe(''));
});

it('shows the saved URL, and is not offered by serve in a browser', async () => {
  const api = new FakeInboxApi();
  api.status = { ...api.status, mode: 'desktop' };
  api.publicUrl.url = 'https://saved.example.com/';
  openSetup(api);
  await waitFor(() => expect((screen.getByLabelText('Public URL') as HTMLInputElement).value).toBe('https://saved.example.com/'));
  cleanup();
  openSetup(new FakeInboxApi());
  await screen.findByRole('button', { name: 'Save secrets' }); // Setup has rendered
  expect(screen.queryByLabelText('Public URL')).toBeNull();
});
