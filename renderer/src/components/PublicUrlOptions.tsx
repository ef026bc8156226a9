/**
 * How `serve` gets a public URL DT can deliver to: said once, for the empty Events view and for
 * Setup in a run without a tunnel, so the two never give different advice.
 */
export function PublicUrlOptions() {
  return (
    <ul className="public-url-options">
      <li><span className="mono">npx connector-inbox serve --ui --tunnel</span> with <span className="mono">NGROK_AUTHTOKEN</span> set: an ngrok URL;</li>
      <li><span className="mono">--public-url https://…</span>: your own HTTPS proxy or tunnel that forwards to this receiver;</li>
      <li><span className="mono">--dt-project &lt;id&gt; --dt-stream</span>: receive from DT&apos;s event stream, no public URL needed.</li>
    </ul>
  );
}
