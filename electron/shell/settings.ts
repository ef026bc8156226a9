/**
 * settings.json in the app-data folder (lowdb: atomic writes). Signature secrets and the ngrok
 * authtoken are stored only encrypted with the OS keychain (Electron's safeStorage). Where no
 * encryption is available they are refused, never written in plain text; the environment
 * variables CONNECTOR_INBOX_SECRET and NGROK_AUTHTOKEN still work there.
 * The authtoken and secrets stay in the main process: nothing here is meant for the renderer.
 */
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/api/contract';
import { notificationPrefsSchema } from '../../shared/api/arguments';
import { forwardConfigInputSchema, type ForwardConfigInput } from '../../shared/api/forward';
import { DEFAULT_NOTIFICATION_PREFS } from './notification-policy';
import type { DtCredentialsInput, DtCredentialsView } from '../../shared/api/dt-cloud';
import type { ServiceAccount } from '../core/dt-cloud/config';

/** The part of Electron's `safeStorage` we use. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const settingsSchema = z.object({
  version: z.literal(1).default(1),
  receiverPort: z.number().int().min(1).max(65_535).default(8080),
  tunnelDomain: z.string().max(253).optional(),
  /** the tester's own https URL the DT connector follows instead of the tunnel's (Setup) */
  publicUrl: z.string().max(2000).optional(),
  /** start the tunnel at launch when an authtoken is known */
  tunnelAutoStart: z.boolean().default(false),
  /** how events arrive: the Data Connector through the tunnel, or DT's event stream (Setup); absent in older files */
  receiveMode: z.enum(['connector', 'stream']).default('connector'),
  notifications: notificationPrefsSchema.default(DEFAULT_NOTIFICATION_PREFS),
  retention: z.object({ maxEvents: z.number().int().min(100).max(10_000_000) }).default({ maxEvents: 100_000 }),
  /** forwarding to the tester's receiver, as Setup saved it; its secret is in `encrypted` */
  forward: forwardConfigInputSchema.omit({ secret: true }).optional(),
  /** DT Cloud: the service account (its secret is in `encrypted`) and the project whose connector follows the inbox */
  dt: z.object({
    keyId: z.string().max(200).optional(), email: z.string().max(320).optional(),
    project: z.string().max(200).optional(), connectorId: z.string().max(200).optional(),
  }).default({}),
  /** base64 of safeStorage ciphertext */
  encrypted: z.object({ secrets: z.string().optional(), authtoken: z.string().optional(), dtSecret: z.string().optional(), forwardSecret: z.string().optional() }).default({}),
});

export type Settings = z.infer<typeof settingsSchema>;
/** Everything but the ciphertexts. */
export type PublicSettings = Omit<Settings, 'encrypted'>;
export type SettingsPatch = Partial<Omit<PublicSettings, 'version'>>;

export const NO_ENCRYPTION_MESSAGE =
  'Secrets cannot be saved: this system offers no encrypted storage (on Linux a keyring such as GNOME Keyring or KWallet is needed). ' +
  'Set CONNECTOR_INBOX_SECRET and NGROK_AUTHTOKEN in the environment instead.';

export const NO_ENCRYPTION_FORWARD_MESSAGE =
  'The forward secret cannot be saved: this system offers no encrypted storage (on Linux a keyring such as GNOME Keyring or KWallet is needed). ' +
  'Leave it empty to pass DT\'s own X-Dt-Signature on, or run connector-inbox serve --forward-to … with CONNECTOR_INBOX_FORWARD_SECRET instead.';

export interface SettingsStore {
  readonly path: string;
  /** problems met while loading (corrupt file set aside, undecryptable secrets) */
  readonly warnings: string[];
  get(): PublicSettings;
  update(patch: SettingsPatch): Promise<void>;
  /** stored secrets, then CONNECTOR_INBOX_SECRET (comma-separated) */
  secrets(): string[];
  setSecrets(secrets: string[]): Promise<Result<{ secretsConfigured: number }>>;
  /** the stored authtoken, else NGROK_AUTHTOKEN */
  authtoken(): string | undefined;
  setAuthtoken(token: string | undefined): Promise<Result<{ authtokenConfigured: boolean }>>;
  /** the stored forward secret (decrypted), for the service only */
  forwardSecret(): string | undefined;
  /** saves the forwarding settings; `secret` absent keeps the stored one, null removes it */
  setForward(input: ForwardConfigInput): Promise<Result<{ secretConfigured: boolean }>>;
  /** the saved service account when complete, else DT_SERVICE_ACCOUNT_* when complete */
  dtAccount(): { account: ServiceAccount; source: DtCredentialsView['source'] } | undefined;
  /** saves key id and email, and the secret encrypted (kept when not given); never answers it */
  setDtCredentials(input: DtCredentialsInput): Promise<Result<DtCredentialsView>>;
}

export interface SettingsDeps {
  dir: string;
  safeStorage: SafeStorageLike;
  env?: Record<string, string | undefined>;
  now?: () => number;
}

export async function openSettings(deps: SettingsDeps): Promise<SettingsStore> {
  const path = join(deps.dir, 'settings.json');
  const env = deps.env ?? process.env;
  const warnings: string[] = [];
  const db = new Low<Settings>(new JSONFile<Settings>(path), settingsSchema.parse({}));
  try {
    await db.read();
    db.data = settingsSchema.parse(db.data);
  } catch (e) {
    // Keep the bad file for the person to inspect; start from defaults rather than refuse to start.
    const aside = `${path}.corrupt-${(deps.now ?? Date.now)()}`;
    await rename(path, aside).catch(() => undefined);
    warnings.push(`settings.json could not be read (${(e as Error).message.split('\n')[0]}); it was moved to ${aside} and defaults are used.`);
    db.data = settingsSchema.parse({});
  }

  const decrypt = (b64: string | undefined, what: string): string | undefined => {
    if (!b64) return undefined;
    try {
      return deps.safeStorage.decryptString(Buffer.from(b64, 'base64'));
    } catch {
      warnings.push(`The stored ${what} could not be decrypted (did the OS keyring change?); set it again.`);
      return undefined;
    }
  };
  let storedSecrets: string[] = parseSecrets(decrypt(db.data.encrypted.secrets, 'signature secrets'));
  let storedToken = decrypt(db.data.encrypted.authtoken, 'ngrok authtoken');
  let storedForwardSecret = decrypt(db.data.encrypted.forwardSecret, 'forward secret');
  let storedDtSecret = decrypt(db.data.encrypted.dtSecret, 'DT service account secret');
  // comma-separated, as the CLI reads it (rotation: old and new secret side by side)
  const envSecrets = (env.CONNECTOR_INBOX_SECRET ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const envToken = env.NGROK_AUTHTOKEN?.trim() || undefined;

  const encrypt = (plain: string) => deps.safeStorage.encryptString(plain).toString('base64');
  const effectiveSecrets = () => [...new Set([...storedSecrets, ...envSecrets])];

  return {
    path,
    warnings,
    get: () => {
      const { encrypted: _omit, ...rest } = db.data;
      return structuredClone(rest);
    },
    async update(patch) {
      db.data = settingsSchema.parse({ ...db.data, ...patch });
      await db.write();
    },
    secrets: effectiveSecrets,
    async setSecrets(secrets) {
      const clean = secrets.map((s) => s.trim()).filter(Boolean);
      // Clearing needs no encryption; storing does.
      if (clean.length > 0 && !deps.safeStorage.isEncryptionAvailable()) return fail(NO_ENCRYPTION_MESSAGE);
      db.data.encrypted.secrets = clean.length ? encrypt(JSON.stringify(clean)) : undefined;
      await db.write();
      storedSecrets = clean;
      return ok({ secretsConfigured: effectiveSecrets().length });
    },
    authtoken: () => storedToken ?? envToken,
    async setAuthtoken(token) {
      const clean = token?.trim() || undefined;
      if (clean && !deps.safeStorage.isEncryptionAvailable()) return fail(NO_ENCRYPTION_MESSAGE);
      db.data.encrypted.authtoken = clean ? encrypt(clean) : undefined;
      await db.write();
      storedToken = clean;
      return ok({ authtokenConfigured: Boolean(storedToken ?? envToken) });
    },
    forwardSecret: () => storedForwardSecret,
    async setForward(input) {
      const { secret, ...rest } = input;
      if (typeof secret === 'string' && !deps.safeStorage.isEncryptionAvailable()) return fail(NO_ENCRYPTION_FORWARD_MESSAGE);
      const next = secret === undefined ? storedForwardSecret : secret ?? undefined;
      db.data.forward = rest;
      db.data.encrypted.forwardSecret = next ? encrypt(next) : undefined;
      await db.write();
      storedForwardSecret = next;
      return ok({ secretConfigured: Boolean(next) });
    },
    dtAccount() {
      const { keyId, email } = db.data.dt;
      if (keyId && email && storedDtSecret) return { account: { keyId, email, secret: storedDtSecret }, source: 'settings' };
      const e = { keyId: env.DT_SERVICE_ACCOUNT_KEY_ID?.trim(), secret: env.DT_SERVICE_ACCOUNT_SECRET?.trim(), email: env.DT_SERVICE_ACCOUNT_EMAIL?.trim() };
      return e.keyId && e.secret && e.email ? { account: { keyId: e.keyId, secret: e.secret, email: e.email }, source: 'env' } : undefined;
    },
    async setDtCredentials(input) {
      const secret = input.secret?.trim() || undefined;
      if (!secret && !storedDtSecret) return fail('the key secret is needed (DT Studio shows it once, when the key is created)');
      if (secret && !deps.safeStorage.isEncryptionAvailable()) return fail(NO_ENCRYPTION_MESSAGE.replace('CONNECTOR_INBOX_SECRET and NGROK_AUTHTOKEN', 'DT_SERVICE_ACCOUNT_KEY_ID, DT_SERVICE_ACCOUNT_SECRET and DT_SERVICE_ACCOUNT_EMAIL'));
      const keyId = input.keyId.trim();
      const email = input.email.trim();
      db.data.dt = { ...db.data.dt, keyId, email };
      if (secret) db.data.encrypted.dtSecret = encrypt(secret);
      await db.write();
      if (secret) storedDtSecret = secret;
      return ok({ keyId, email, source: 'settings' });
    },
  };
}

function parseSecrets(json: string | undefined): string[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}
