import { v4 as uuidv4 } from 'uuid';
import { consumedEvents, createEnvelope, type ConsumedEvent } from './index';

const teamEvents = consumedEvents(['team.created', 'team.archived']);
type TeamEvent = ConsumedEvent<typeof teamEvents>;

const envelope = <T extends string, D>(type: T, data: D) =>
  createEnvelope({ type, producer: 'team', subject: 's', correlationId: 'c', data });

describe('consumedEvents', () => {
  it('parses a listed type into its typed envelope, narrowed by type', () => {
    const teamId = uuidv4();
    const event: TeamEvent | undefined = teamEvents.parse(envelope('team.archived', { teamId }));
    expect(event?.type).toBe('team.archived');
    if (event?.type === 'team.archived') expect(event.data.teamId).toBe(teamId);
    if (event?.type === 'team.created') {
      const name: string = event.data.name;
      // @ts-expect-error team.created has no `reason`
      expect(event.data.reason).toBeUndefined();
      expect(name).toBeDefined();
    }
  });

  it('does not compile with a type the event map lacks, or with no type', () => {
    // @ts-expect-error 'team.renamed' is no message type
    expect(() => consumedEvents(['team.created', 'team.renamed'])).toThrow(/unknown message type/);
    // @ts-expect-error at least one type
    expect(consumedEvents([]).parse(envelope('team.created', {}))).toBeUndefined();
  });

  it('lets other types through its schema but not past parse; a listed type must match its contract', () => {
    const other = envelope('team.member.joined', { teamId: uuidv4(), userId: uuidv4(), role: 'player' });
    expect(teamEvents.schema.safeParse(other).success).toBe(true);
    expect(teamEvents.parse(other)).toBeUndefined();

    const broken = envelope('team.archived', { teamId: 'not-a-uuid' });
    const result = teamEvents.schema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['data', 'teamId']);
    expect(teamEvents.parse(broken)).toBeUndefined();
    expect(teamEvents.schema.safeParse({ type: 'team.archived' }).success).toBe(false);
  });
});
