/**
 * The one SimContext of a run, as data: the shared clock and queue, network, random source and
 * settings, the emitter, and the cluster-wide counters (producer ids, record ids).
 */
import type { EventQueue } from '../core/eventQueue';
import { registerClass } from '../core/graphRegistry';
import type { Random } from '../core/random';
import type { TraceEvent } from '../core/trace';
import type { ClusterConfig } from './config';
import type { SimContext } from './context';
import type { Emitter } from './emitter';
import type { Network } from './network';

export class EngineContext implements SimContext {
  private nextProducerId = 0;
  private nextRecordId = 1;

  constructor(
    readonly queue: EventQueue,
    readonly network: Network,
    readonly random: Random,
    readonly config: ClusterConfig,
    private readonly emitter: Emitter,
  ) {}

  emit(event: TraceEvent): void {
    this.emitter.emit(event);
  }

  get watched(): boolean {
    return this.emitter.watched;
  }

  pass(): void {
    this.emitter.pass();
  }

  passesHighWatermarkOf(topic: string, partition: number, broker: number): boolean {
    return this.emitter.passesHighWatermarkOf(topic, partition, broker);
  }

  allocateProducerId(): { producerId: number; producerEpoch: number } {
    return { producerId: this.nextProducerId++, producerEpoch: 0 };
  }

  /** Record ids are 1, 2, 3 … across every producer, in send order. */
  allocateRecordId(): number {
    return this.nextRecordId++;
  }
}

registerClass('EngineContext', EngineContext, { blank: () => new EngineContext(null as never, null as never, null as never, null as never, null as never) });
