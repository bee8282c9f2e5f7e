/**
 * The scenario's consumers: every group's members, started at time 0, and the member actions of
 * the script (addMember, removeMember, crashMember, pauseMember). A member added again under the
 * name of a stopped one is a new process with that name (and its group.instance.id).
 */
import type { GroupSettings, GroupSpec, Scenario, ScriptAction } from '../scenario/types';
import type { SimContext } from '../sim/context';
import { ConsumerMember } from './member/member';
import { registerClass } from '../core/graphRegistry';
import { defineTask } from '../core/tasks';

type MemberCommand = Extract<ScriptAction, { do: 'addMember' | 'removeMember' | 'crashMember' | 'pauseMember' }>;
type WithoutAt<A> = A extends MemberCommand ? Omit<A, 'at'> : never;

const START_MEMBER = defineTask('consumer.clients.start', (c: ConsumerClients, m: { group: string; name: string; instanceId: string | null }) => c.add(m.group, m.name, m.instanceId));

export class ConsumerClients {
  private readonly specs = new Map<string, GroupSpec>();
  /** group → member name → the member's latest process. */
  readonly members = new Map<string, Map<string, ConsumerMember>>();

  constructor(
    scenario: Scenario,
    private readonly ctx: SimContext,
    private readonly brokerIds: readonly number[],
    private readonly partitionCounts: ReadonlyMap<string, number>,
  ) {
    for (const g of scenario.groups ?? []) {
      this.specs.set(g['group.id'], g);
      this.members.set(g['group.id'], new Map());
    }
  }

  /** Starts every group's initial members at time 0, in order. */
  startAll(): void {
    for (const g of this.specs.values()) {
      for (const m of g.members) this.ctx.queue.at(0, START_MEMBER, this, { group: g['group.id'], name: m.name, instanceId: m['group.instance.id'] ?? null });
    }
  }

  apply(command: WithoutAt<MemberCommand>): void {
    const member = this.members.get(command.group)?.get(command.member);
    switch (command.do) {
      case 'addMember':
        if (member?.isRunning) return;
        return this.add(command.group, command.member, command['group.instance.id'] ?? null);
      case 'removeMember':
        return member?.requestClose();
      case 'crashMember':
        return member?.crash();
      case 'pauseMember':
        return member?.pause(command.ms);
    }
  }

  /**
   * A `set` on the group: Kafka reads a consumer's config once, in the KafkaConsumer constructor,
   * so members that start after this use the new values and running members keep theirs (each
   * holds the spec it started with; specs are replaced, never changed in place).
   */
  configure(group: string, config: Partial<GroupSettings>): void {
    const spec = this.specs.get(group);
    if (spec) this.specs.set(group, { ...spec, ...config });
  }

  /** @internal Also the START_MEMBER task. */
  add(group: string, name: string, instanceId: string | null): void {
    const spec = this.specs.get(group);
    if (!spec) return;
    const member = new ConsumerMember({ spec, name, instanceId, ctx: this.ctx, brokerIds: this.brokerIds, partitionCounts: this.partitionCounts });
    this.members.get(group)!.set(name, member);
    this.ctx.network.register(member);
    member.start();
  }
}

registerClass('ConsumerClients', ConsumerClients, { blank: () => new ConsumerClients({} as never, null as never, [], null as never) });
