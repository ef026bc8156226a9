/**
 * One word for one idea across the views. The store calls an event that arrived after a newer
 * one of its device and type `stale`; the views all say "out of order", DT's own words for
 * what its delivery does at times, with the same tooltip wherever it is shown.
 */
export const OUT_OF_ORDER = {
  label: 'Out of order',
  title: 'Arrived after a newer event of this type from this device. DT delivers out of order at times; the device\'s state keeps the newer event.',
} as const;
