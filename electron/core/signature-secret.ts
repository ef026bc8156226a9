/**
 * The one maker of signature secrets (the CLI's stored secret, the desktop app's first secret):
 * 32 random bytes, base64url: 256 bits for HS256, printable, safe in JSON, headers and DT's form.
 */
import { randomBytes } from 'node:crypto';

export const newSignatureSecret = (): string => randomBytes(32).toString('base64url');
