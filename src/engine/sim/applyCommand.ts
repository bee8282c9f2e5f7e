/**
 * What a script action or a dispatched command does to the cluster. The parser has checked it
 * (sim/commands.ts validates against the live cluster first); a target that is gone by the time it
 * runs (a broker id that does not exist) is ignored.
 */
import { registerClass } from '../core/graphRegistry';
import type { BrokerSettings, GroupSettings, ProducerSettings, ScriptAction, TopicConfig } from '../scenario/types';
import { startProduceJob, type Producer } from '../producer';
import type { ConsumerClients } from '../consumer/clients';
import type { Broker } from './broker';
import type { ProduceJobs } from './commands';
import { brokerName, type SimContext } from './context';
import type { Controller } from './controller';

/** A script action without its time: applied at the simulation's current time. */
export type Command = ScriptAction extends infer A ? (A extends ScriptAction ? Omit<A, 'at'> : never) : never;

export class CommandApplier {
  constructor(
    private readonly ctx: SimContext,
    private readonly brokers: ReadonlyMap<number, Broker>,
    private readonly controller: Controller,
    private readonly producers: ReadonlyMap<string, Producer>,
    private readonly clients: ConsumerClients | null,
    private readonly jobs: ProduceJobs,
  ) {}

  apply(command: Command): void {
    const { ctx } = this;
    switch (command.do) {
      case 'produce':
        return this.startProducing(command);
      case 'stopProducing':
        return this.jobs.stop(command.producer, command.topic);
      case 'crash':
        return this.brokers.get(command.broker)?.crash();
      case 'powerLoss':
        return this.brokers.get(command.broker)?.powerLoss();
      case 'restart':
        return this.brokers.get(command.broker)?.restart();
      case 'isolate':
        return ctx.network.isolate(command.node);
      case 'cut':
        return ctx.network.cut(command.between[0], command.between[1]);
      case 'heal':
        return ctx.network.heal(command.between);
      case 'slow':
        ctx.network.slow(brokerName(command.broker), command['latency.ms']);
        ctx.emit({ t: ctx.queue.now, type: 'LinkSlowed', broker: command.broker, latencyMs: command['latency.ms'] });
        return;
      case 'dropRequests':
        return ctx.network.dropRequests(brokerName(command.broker), command.count);
      case 'dropResponses':
        return ctx.network.dropResponses(brokerName(command.broker), command.count);
      case 'set':
        return this.set(command);
      case 'addMember':
      case 'removeMember':
      case 'crashMember':
      case 'pauseMember':
        return this.clients?.apply(command);
    }
  }

  private set(command: Extract<Command, { do: 'set' }>): void {
    const { ctx } = this;
    if ('producer' in command) {
      this.producers.get(command.producer)?.configure(command.config as Partial<ProducerSettings>);
      ctx.emit({ t: ctx.queue.now, type: 'SettingChanged', target: `producer:${command.producer}`, config: command.config });
      return;
    }
    if ('group' in command) {
      // Kafka reads a consumer's config when the consumer is created: members started from now on use it.
      this.clients?.configure(command.group, command.config as Partial<GroupSettings>);
      ctx.emit({ t: ctx.queue.now, type: 'SettingChanged', target: `group:${command.group}`, config: { ...command.config } });
      return;
    }
    if ('topic' in command) {
      ctx.config.setTopic(command.topic, command.config as TopicConfig);
      ctx.emit({ t: ctx.queue.now, type: 'SettingChanged', target: `topic:${command.topic}`, config: { ...command.config } });
    } else {
      ctx.config.setBroker(command.config as Partial<BrokerSettings>);
      ctx.emit({ t: ctx.queue.now, type: 'SettingChanged', target: 'broker', config: command.config });
      for (const b of this.brokers.values()) b.startFlusherIfConfigured();
    }
    // A config change is a controller write: it may start the periodic checks it depends on.
    this.controller.onConfigChanged();
  }

  /** A produce action: `count` sends `every` ms apart (or `rate` per second), in the producer's send style. */
  private startProducing(command: Extract<Command, { do: 'produce' }>): void {
    const producer = this.producers.get(command.producer);
    if (producer) this.jobs.add(command.producer, startProduceJob(producer, command, this.ctx.queue));
  }
}

registerClass('CommandApplier', CommandApplier, { blank: () => new CommandApplier(null as never, null as never, null as never, null as never, null as never, null as never) });
