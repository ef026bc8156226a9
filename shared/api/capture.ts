/**
 * What a capture (an export opened read-only: AppStatus.capture) may not know, as the words
 * its `missing` list holds: the service fills the list, the views show those facts as unknown.
 */
export const CAPTURE_UNKNOWN = {
  /** exports written before the out-of-order flag was exported */
  stale: 'out-of-order flags (the export predates them)',
  exportedAt: 'when it was exported',
  /** never in an export: the rejected log stays with the inbox */
  rejected: 'rejected deliveries',
  deliveryDetails: 'delivery details (paths, headers, ack times)',
} as const;

/** What no export carries, whatever its age. */
export const NEVER_EXPORTED: readonly string[] = [CAPTURE_UNKNOWN.rejected, CAPTURE_UNKNOWN.deliveryDetails];
