/**
 * How an event type looks in the list: a short glyph (plain text, so it renders the same
 * everywhere without icon fonts) and a colour family for its badge.
 */
import { isKnownEventType } from '../../../shared/dt/types';

type Tone = 'measure' | 'state' | 'touch' | 'health' | 'meta' | 'unknown';

const LOOK: Record<string, { glyph: string; tone: Tone; label: string }> = {
  temperature: { glyph: '°C', tone: 'measure', label: 'Temperature' },
  humidity: { glyph: 'RH', tone: 'measure', label: 'Humidity' },
  co2: { glyph: 'CO₂', tone: 'measure', label: 'CO₂' },
  pressure: { glyph: 'hPa', tone: 'measure', label: 'Pressure' },
  touch: { glyph: '☝', tone: 'touch', label: 'Touch' },
  touchCount: { glyph: '#☝', tone: 'touch', label: 'Touch count' },
  objectPresent: { glyph: '◉', tone: 'state', label: 'Object present' },
  objectPresentCount: { glyph: '#◉', tone: 'state', label: 'Object count' },
  waterPresent: { glyph: '≋', tone: 'state', label: 'Water present' },
  motion: { glyph: '⇝', tone: 'state', label: 'Motion' },
  deskOccupancy: { glyph: '⌂', tone: 'state', label: 'Desk occupancy' },
  contact: { glyph: '⊏⊐', tone: 'state', label: 'Contact' },
  probeWireStatus: { glyph: '⌇', tone: 'health', label: 'Probe wire' },
  networkStatus: { glyph: '≈', tone: 'health', label: 'Network status' },
  batteryStatus: { glyph: '▮', tone: 'health', label: 'Battery' },
  connectionStatus: { glyph: '⇄', tone: 'health', label: 'Connection' },
  ethernetStatus: { glyph: '⇄', tone: 'health', label: 'Ethernet' },
  cellularStatus: { glyph: '⊿', tone: 'health', label: 'Cellular' },
  labelsChanged: { glyph: '✎', tone: 'meta', label: 'Labels changed' },
};

export function typeLook(eventType: string): { glyph: string; tone: Tone; label: string } {
  return LOOK[eventType] ?? { glyph: '?', tone: 'unknown', label: eventType };
}

export function isUnknownType(eventType: string): boolean {
  return !isKnownEventType(eventType);
}
