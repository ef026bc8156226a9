import type { DtConnectorRow } from '../../../../shared/api/contract';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { confirmWording, type ConnectorAction } from '../../logic/dt-confirm';

/** Asked before the view changes a connector that is not this inbox's: which one (name, id, URL) and what DT will do. */
export function DtConfirmAction({ connector: c, action, onConfirm, onCancel }: {
  connector: DtConnectorRow;
  action: ConnectorAction;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const w = confirmWording(c, action);
  return (
    <ConfirmDialog title={w.title} confirmLabel={w.confirm} onConfirm={onConfirm} onCancel={onCancel}>
      <p>This connector is not this inbox&apos;s: someone else may depend on it.</p>
      <dl className="confirm-facts">
        <dt>Connector</dt><dd>{c.displayName || '(no name)'} <span className="mono small">{c.id}</span></dd>
        <dt>URL</dt><dd className="mono">{c.url || '(none)'}</dd>
        <dt>Status</dt><dd className="mono">{c.status}</dd>
      </dl>
      <p>{w.effect}</p>
    </ConfirmDialog>
  );
}
