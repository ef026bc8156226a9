/**
 * Where DT Cloud is and who we are to it. The service account comes from the same three
 * variables DT's own SDKs read, so one shell setup serves both.
 */
import { DtCloudError } from './errors';

export const DT_DEFAULTS = {
  apiUrl: 'https://api.disruptive-technologies.com/v2',
  emulatorUrl: 'https://emulator.disruptive-technologies.com/v2',
  tokenUrl: 'https://identity.disruptive-technologies.com/oauth2/token',
} as const;

export interface ServiceAccount {
  keyId: string;
  secret: string;
  email: string;
}

export interface DtEndpoints {
  apiUrl: string;
  emulatorUrl: string;
  /** the full OAuth2 token URL (also the assertion's `aud`) */
  tokenUrl: string;
}

const trimSlash = (u: string) => u.replace(/\/+$/, '');

function checkUrl(name: string, value: string): string {
  try {
    const u = new URL(value);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    throw new DtCloudError('config', `${name} is not an http(s) URL: ${JSON.stringify(value)}`);
  }
  return value;
}

export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): DtEndpoints {
  return {
    apiUrl: trimSlash(checkUrl('DT_API_URL', env.DT_API_URL || DT_DEFAULTS.apiUrl)),
    emulatorUrl: trimSlash(checkUrl('DT_EMULATOR_URL', env.DT_EMULATOR_URL || DT_DEFAULTS.emulatorUrl)),
    tokenUrl: checkUrl('DT_IDENTITY_URL', env.DT_IDENTITY_URL || DT_DEFAULTS.tokenUrl),
  };
}

/** The service account, or a config error naming exactly which variables are missing. */
export function serviceAccountFromEnv(env: NodeJS.ProcessEnv = process.env): ServiceAccount {
  const keyId = env.DT_SERVICE_ACCOUNT_KEY_ID?.trim() ?? '';
  const secret = env.DT_SERVICE_ACCOUNT_SECRET?.trim() ?? '';
  const email = env.DT_SERVICE_ACCOUNT_EMAIL?.trim() ?? '';
  const missing = [
    !keyId && 'DT_SERVICE_ACCOUNT_KEY_ID', !secret && 'DT_SERVICE_ACCOUNT_SECRET', !email && 'DT_SERVICE_ACCOUNT_EMAIL',
  ].filter(Boolean);
  if (missing.length) {
    throw new DtCloudError('config', `no DT service account: set ${missing.join(', ')} (create a service account with the Project Developer role in DT Studio and a key for it)`);
  }
  return { keyId, secret, email };
}
