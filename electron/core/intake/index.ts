/**
 * Intake: the one mapping from a DT event to what the store ingests, whatever the source
 * (connector push, event history, event stream, export file), and the interface the store
 * offers every source.
 */
export type { Intake } from './intake';
export { arrivalFromBody, type BodyFacts } from './from-body';
export { arrivalFromEvent, envelopeFor, type DeviceFacts, type PulledArrival, type PulledEvent, type PullContext } from './from-event';
