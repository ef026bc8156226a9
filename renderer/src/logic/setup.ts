/** Setup view: the DT Studio steps for a receiver URL, and the secrets form's parsing. */

export interface SetupStep {
  title: string;
  text: string;
  /** a value the user copies into DT Studio */
  value?: string;
}

export function connectorSteps(publicUrl: string | null, secretsConfigured: number): SetupStep[] {
  return [
    { title: 'Open DT Studio', text: 'Go to your project → API Integrations → Data Connectors → Create new.' },
    { title: 'Choose HTTP Push', text: 'Give it a display name such as "Connector Inbox (testing)".' },
    publicUrl
      ? { title: 'Endpoint URL', text: 'Paste the public tunnel URL:', value: publicUrl }
      : { title: 'Endpoint URL', text: 'Start the tunnel below first: DT only delivers over HTTPS with a valid certificate, so a local address will not work.' },
    secretsConfigured > 0
      ? { title: 'Signature secret', text: 'Enter the same signature secret you saved here, so every event is verified.' }
      : { title: 'Signature secret', text: 'Choose a long random secret, enter it in the connector and save it in the form below. Without it events are stored as "unverified".' },
    { title: 'Events', text: 'Only subscribe to the events you need (for example temperature and touch): less traffic, clearer list.' },
    { title: 'Labels', text: 'Include the labels you want to see, e.g. "name", so devices show their names instead of ids.' },
    { title: 'Save and test', text: 'Touch a sensor or use "Sync" on the connector: the event appears in Events within seconds.' },
    { title: 'When done', text: 'Disable the connector while you are not testing: DT disables connectors that keep failing (SYSTEM_DISABLED).' },
  ];
}

/** One secret per line; blank lines ignored; DT allows several connectors with different secrets. */
export function parseSecrets(text: string): { ok: true; secrets: string[] } | { ok: false; error: string } {
  const secrets = text.split(/\r?\n/).map((s) => s.trim()).filter(Boolean);
  if (secrets.length > 10) return { ok: false, error: 'At most 10 secrets.' };
  if (secrets.some((s) => s.length > 500)) return { ok: false, error: 'A secret is longer than 500 characters.' };
  return { ok: true, secrets };
}

export function tunnelText(t: { state: string; url?: string; message?: string; attempt?: number }): string {
  switch (t.state) {
    case 'off': return 'Tunnel off';
    case 'connecting': return `Connecting… (attempt ${t.attempt ?? 1})`;
    case 'online': return 'Online';
    case 'reconnecting': return `Reconnecting (attempt ${t.attempt ?? 1}): ${t.message ?? ''}`;
    case 'error': return `Error: ${t.message ?? 'unknown'}`;
    default: return t.state;
  }
}
