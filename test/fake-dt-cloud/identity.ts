/**
 * The fake's OAuth2 token endpoint: verifies the JWT bearer assertion as DT documents it
 * (HS256 with the service account's secret, header `kid` = key id, `iss` = email, `aud` =
 * the token URL, `exp` no more than 1 h after `iat`) and issues opaque access tokens.
 */
import { randomBytes } from 'node:crypto';
import { decodeProtectedHeader, jwtVerify } from 'jose';

export interface FakeAccount {
  keyId: string;
  secret: string;
  email: string;
}

export interface SeenAssertion {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
}

export class Identity {
  readonly seen: SeenAssertion[] = [];
  private readonly tokens = new Map<string, number>(); // token → expiry (ms)
  tokenLifetimeS = 3600;

  constructor(private readonly accounts: FakeAccount[], private readonly tokenUrl: () => string) {}

  /** `null` when refused, with the reason. */
  async exchange(form: Record<string, unknown>): Promise<{ token: string; expiresIn: number } | { refused: string }> {
    if (form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return { refused: 'unsupported grant_type' };
    const assertion = typeof form.assertion === 'string' ? form.assertion : '';
    let header: Record<string, unknown>;
    try { header = decodeProtectedHeader(assertion) as Record<string, unknown>; } catch { return { refused: 'the assertion is not a JWT' }; }
    const account = this.accounts.find((a) => a.keyId === header.kid);
    if (!account) return { refused: 'unknown key id (kid)' };
    try {
      const { payload } = await jwtVerify(assertion, new TextEncoder().encode(account.secret), {
        algorithms: ['HS256'], audience: this.tokenUrl(), issuer: account.email, requiredClaims: ['iat', 'exp'],
      });
      this.seen.push({ header, claims: payload as Record<string, unknown> });
      if ((payload.exp as number) - (payload.iat as number) > 3600) return { refused: 'the assertion lives longer than 1 h' };
    } catch (e) {
      return { refused: `invalid assertion: ${(e as Error).message}` };
    }
    const token = randomBytes(24).toString('base64url');
    this.tokens.set(token, Date.now() + this.tokenLifetimeS * 1000);
    return { token, expiresIn: this.tokenLifetimeS };
  }

  valid(authorization: string | undefined): boolean {
    const m = /^Bearer (.+)$/.exec(authorization ?? '');
    const exp = m ? this.tokens.get(m[1]!) : undefined;
    return exp !== undefined && Date.now() < exp;
  }

  /** every issued token stops working (a key rotated in DT Studio) */
  revokeAll(): void {
    this.tokens.clear();
  }

  get issued(): number {
    return this.seen.length;
  }
}
