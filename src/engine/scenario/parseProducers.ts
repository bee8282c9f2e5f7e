/**
 * The `producers` of a scenario, and Kafka's own rules for producer settings
 * (`ProducerConfig.postProcessAndValidateIdempotenceConfigs`, `KafkaProducer.configureDeliveryTimeout`),
 * which a `set` action on a running producer must follow too.
 */
import type { ProducerSettings, ProducerSpec } from './types';
import { PRODUCER_SETTINGS } from './schema/settings';
import { PRODUCER_KEYS, producerInput } from './schema/scenario';
import type { PathSegment } from './schema/issues';
import { addZodIssues, isRecord, type Issues } from './parseIssues';
import { withDefaults } from './parseSettings';

/** producers[i], or null when its structure is wrong (those problems are added to `issues`). */
export function buildProducer(raw: unknown, i: number, issues: Issues, root: unknown): ProducerSpec | null {
  const path = ['producers', i] as const;
  const parsed = producerInput.safeParse(raw);
  if (!parsed.success) {
    addZodIssues(issues, parsed.error.issues, root, path);
    return null;
  }
  const p = parsed.data;
  const id = p.id;
  const idPath = [...path, 'id'];
  if (id === 'controller') issues.add(idPath, `"controller" is the controller's node name; pick another id`);
  else if (/^b[1-9]$/.test(id)) issues.add(idPath, `"${id}" is a broker's node name; pick another id`);
  else if (id.includes('/')) issues.add(idPath, `must not contain "/" (it separates group and member names)`);

  let explicit: (keyof ProducerSettings)[];
  if (p.explicit !== undefined) {
    p.explicit.forEach((k, j) => {
      if (p.explicit!.indexOf(k) !== j) issues.add([...path, 'explicit', j], `"${k}" is listed twice`);
    });
    explicit = [...new Set(p.explicit)];
  } else {
    // The order the scenario wrote them in.
    explicit = Object.keys(isRecord(raw) ? raw : {}).filter((k): k is keyof ProducerSettings => PRODUCER_KEYS.includes(k as keyof ProducerSettings));
  }

  const settings = withDefaults<ProducerSettings>(PRODUCER_SETTINGS, p as Record<string, unknown>);
  const floor = settings['linger.ms'] + settings['request.timeout.ms'];
  if (settings['delivery.timeout.ms'] < floor) {
    if (explicit.includes('delivery.timeout.ms')) {
      issues.add(
        [...path, 'delivery.timeout.ms'],
        `${settings['delivery.timeout.ms']} is less than linger.ms + request.timeout.ms = ${floor}: delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms`,
      );
    }
    // KafkaProducer.configureDeliveryTimeout: not set explicitly, it is silently raised.
    settings['delivery.timeout.ms'] = floor;
  }
  settings['enable.idempotence'] = idempotenceInEffect(settings, explicit.includes('enable.idempotence'), path, issues);
  return { id, ...settings, explicit };
}

/**
 * ProducerConfig.postProcessAndValidateIdempotenceConfigs: the idempotent producer needs acks=all,
 * retries > 0 and at most 5 requests in flight. Asked for explicitly, anything else is an error;
 * on by default, it is quietly turned off.
 */
function idempotenceInEffect(settings: ProducerSettings, explicit: boolean, path: readonly PathSegment[], issues: Issues): boolean {
  if (!settings['enable.idempotence']) return false;
  const conflicts = idempotenceConflicts(settings);
  if (conflicts.length === 0) return true;
  if (!explicit) return false;
  for (const c of conflicts) issues.add([...path, c.key], `${c.message} (enable.idempotence is true)`);
  return true;
}

function idempotenceConflicts(settings: Partial<ProducerSettings>): { key: keyof ProducerSettings; message: string }[] {
  const out: { key: keyof ProducerSettings; message: string }[] = [];
  if (settings.acks !== undefined && settings.acks !== 'all') {
    out.push({ key: 'acks', message: 'Must set acks to all in order to use the idempotent producer; otherwise idempotence cannot be guaranteed' });
  }
  if (settings.retries === 0) out.push({ key: 'retries', message: 'Must set retries to non-zero when using the idempotent producer' });
  const inFlight = settings['max.in.flight.requests.per.connection'];
  if (inFlight !== undefined && inFlight > 5) {
    out.push({ key: 'max.in.flight.requests.per.connection', message: 'Must set max.in.flight.requests.per.connection to at most 5 to use the idempotent producer' });
  }
  return out;
}

export function checkProducerIds(producers: readonly (ProducerSpec | null)[], issues: Issues): void {
  const seen = new Map<string, number>();
  producers.forEach((p, i) => {
    if (p === null) return;
    const prev = seen.get(p.id);
    if (prev !== undefined) issues.add(['producers', i, 'id'], `duplicate producer ${JSON.stringify(p.id)} (also producers[${prev}])`);
    else seen.set(p.id, i);
  });
}

/** A running producer keeps its idempotence: Kafka fixes it when the producer is created. */
export function checkProducerChange(producer: ProducerSpec, config: Partial<ProducerSettings>, path: readonly PathSegment[], issues: Issues): void {
  if (config['enable.idempotence'] !== undefined && config['enable.idempotence'] !== producer['enable.idempotence']) {
    issues.add(
      [...path, 'enable.idempotence'],
      `cannot change on a running producer (${producer.id} was created with enable.idempotence ${producer['enable.idempotence']}); set it in its producers entry`,
    );
  }
  if (!producer['enable.idempotence']) return;
  for (const c of idempotenceConflicts(config)) issues.add([...path, c.key], `${c.message} (${producer.id} is idempotent)`);
}
