/**
 * The built cluster's parts, as the wiring (sim/simulation.ts) assembles them and the readers
 * (the report, the snapshot) read them. It sits below the wiring so that the readers never import
 * the wiring that offers them.
 */
import type { Broker } from '../sim/broker';
import type { Controller } from '../sim/controller';
import type { Ledger } from '../sim/ledger';
import type { Network } from '../sim/network';
import type { Producer } from '../producer';
import type { GroupServices } from '../consumer/broker/services';
import type { ConsumerClients } from '../consumer/clients';
import type { ConsumerSide } from '../consumer/report';
import type { Scenario } from '../scenario/types';

export interface Cluster {
  readonly scenario: Scenario;
  readonly brokers: ReadonlyMap<number, Broker>;
  /** The consumer side's services each broker hosts (the group coordinator), by broker id. */
  readonly groupServices: ReadonlyMap<number, GroupServices>;
  readonly controller: Controller;
  readonly ledger: Ledger;
  readonly producers: ReadonlyMap<string, Producer>;
  /** Consumer groups and their accounting; null when the scenario has no groups. */
  readonly consumers: ConsumerSide | null;
  readonly clients: ConsumerClients | null;
  /** For engine-internal tests that put a probe node on the network. */
  readonly network: Network;
}
