import { useEffect, useState } from 'react';
import { decodeDtToken, sha256Hex } from '../../logic/dt-token';

/** The latest delivery's X-Dt-Signature decoded: header, iat, exp ("expired 3 min ago") and the body checksum against the body's. */
export function SignatureToken({ token, raw }: { token: string; raw: string }) {
  const decoded = decodeDtToken(token, Date.now());
  const [bodySha, setBodySha] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void sha256Hex(raw).then((h) => { if (live) setBodySha(h); }, () => undefined);
    return () => { live = false; };
  }, [raw]);
  if (!decoded) return <p className="muted small">The X-Dt-Signature header is not a readable JWT.</p>;
  const claimed = typeof decoded.claims.checksum_sha256 === 'string' ? decoded.claims.checksum_sha256 : undefined;
  return (
    <details className="token" aria-label="Signature token">
      <summary className="small">Token decoded{decoded.expiry ? ` · ${decoded.expiry}` : ''}</summary>
      <dl className="kv">
        <dt>Header</dt><dd className="mono">{JSON.stringify(decoded.header)}</dd>
        {decoded.issuedAt && <><dt>iat</dt><dd className="mono">{decoded.issuedAt}</dd></>}
        {decoded.expiresAt && <><dt>exp</dt><dd className="mono">{decoded.expiresAt} <span className="muted">({decoded.expiry})</span></dd></>}
        <dt>checksum_sha256</dt>
        <dd className="mono" style={{ overflowWrap: 'anywhere' }}>
          {claimed ?? <span className="muted">not in the token</span>}
          {claimed && bodySha && (claimed === bodySha
            ? <div className="ok-text">matches the stored body&apos;s SHA-256</div>
            : <div className="warn-text">differs from the stored body&apos;s SHA-256 ({bodySha})</div>)}
        </dd>
        {Object.entries(decoded.claims).filter(([k]) => !['iat', 'exp', 'checksum_sha256'].includes(k)).map(([k, v]) => (
          <div key={k} className="kv-row"><dt className="mono">{k}</dt><dd className="mono" style={{ overflowWrap: 'anywhere' }}>{typeof v === 'string' ? v : JSON.stringify(v)}</dd></div>
        ))}
      </dl>
    </details>
  );
}
