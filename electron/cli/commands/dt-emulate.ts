/**
 * `connector-inbox dt emulate --project P --type T`: publishes realistic events from an
 * emulated device in DT Cloud (created once, then reused), which DT delivers through the
 * project's data connectors like real ones — an end-to-end check of the whole path.
 */
import { Command, InvalidArgumentError } from 'commander';
import { KNOWN_EVENT_TYPES, isKnownEventType } from '../../../shared/dt/types';
import { emulatedDevice, eventSource, idOf, type PublishableType } from '../../core/dt-cloud';
import { abortableSleep } from '../../core/abortable-sleep';
import { INTERRUPTED_EXIT_CODE, stopOnInterrupt } from '../interrupt';
import { positiveInt } from '../options';
import { dtClient, out, printJson, type JsonFlag } from './dt-common';

interface EmulateFlags extends JsonFlag {
  project: string;
  type: PublishableType;
  count: number;
  interval: number;
  device?: string;
}

function publishable(v: string): PublishableType {
  if (v === 'labelsChanged') throw new InvalidArgumentError('labelsChanged cannot be published by the emulator (change the device\'s labels instead)');
  if (!isKnownEventType(v) || v === 'labelsChanged') throw new InvalidArgumentError(`unknown event type; one of ${KNOWN_EVENT_TYPES.filter((t) => t !== 'labelsChanged').join(', ')}`);
  return v;
}

function milliseconds(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || n > 3_600_000) throw new InvalidArgumentError('expected milliseconds from 0 to 3600000');
  return n;
}

export function registerDtEmulate(dt: Command): void {
  dt.command('emulate')
    .description('publish realistic events of one type from an emulated device (delivered through the project\'s connectors)')
    .requiredOption('--project <id>', 'DT project id')
    .requiredOption('--type <eventType>', 'the event type (any but labelsChanged)', publishable)
    .option('--count <n>', 'how many events', positiveInt, 1)
    .option('--interval <ms>', 'wait between events', milliseconds, 1000)
    .option('--device <id>', 'publish from this emulated device (default: ours of a kind that emits the type, created if missing)')
    .option('--json', 'machine-readable output')
    .action(async (flags: EmulateFlags) => {
      const client = dtClient();
      const { device, created } = await emulatedDevice(client, flags.project, flags.type, flags.device);
      const id = idOf(device.name);
      if (!flags.json) out(`${created ? 'Created' : 'Using'} emulated ${device.type} device ${id} "${device.labels?.name ?? ''}"`);
      const next = eventSource(device, flags.type);
      const published: Record<string, unknown>[] = [];
      const interrupt = stopOnInterrupt();
      try {
        for (let i = 0; i < flags.count; i++) {
          if (i > 0 && flags.interval > 0) await abortableSleep(flags.interval, interrupt.signal);
          if (interrupt.signal.aborted) break;
          const data = next();
          await client.publish(flags.project, id, data);
          published.push(data);
          if (!flags.json) out(`published ${flags.type} ${i + 1}/${flags.count}: ${JSON.stringify(data[flags.type])}`);
        }
      } finally {
        interrupt.dispose();
      }
      if (flags.json) printJson({ device: { id, type: device.type, name: device.labels?.name ?? '', created }, published });
      if (interrupt.signal.aborted) {
        process.stderr.write(`stopped: ${published.length} of ${flags.count} published\n`);
        process.exitCode = INTERRUPTED_EXIT_CODE;
      }
    });
}
