/**
 * What each emulated device kind may publish, from the DT facts (dt-data-connector.md,
 * "Emulated device kinds"). The fake refuses any other pair, so a client that creates the
 * wrong kind for a type fails here as it would at DT. probeWireStatus is not listed there
 * for any kind; the fake allows it on temperature devices, where the app's simulator puts it.
 */
const COMMON = ['touch', 'networkStatus', 'batteryStatus'];

export const PUBLISHABLE: Record<string, readonly string[]> = {
  temperature: ['temperature', 'probeWireStatus', ...COMMON],
  proximity: ['objectPresent', ...COMMON],
  touch: [...COMMON],
  humidity: ['humidity', ...COMMON],
  proximityCounter: ['objectPresentCount', ...COMMON],
  touchCounter: ['touchCount', ...COMMON],
  waterDetector: ['waterPresent', ...COMMON],
  co2: ['co2', 'pressure', 'humidity', ...COMMON],
  motion: ['motion', ...COMMON],
  deskOccupancy: ['deskOccupancy', ...COMMON],
  contact: ['contact', ...COMMON],
  ccon: ['connectionStatus', 'ethernetStatus', 'cellularStatus', 'touch'],
};
