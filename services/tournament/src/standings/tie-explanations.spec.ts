import { FIFA_WORLD_CUP_2018, UEFA_GROUP_STAGE } from '../domain';
import { explainTies } from './tie-explanations';

const names: Record<string, string> = { GER: 'Germany', POR: 'Portugal', SWE: 'Sweden', DEN: 'Denmark', ITA: 'Italy' };
const nameOf = (id: string) => names[id] ?? id;

describe('tie explanations', () => {
  it('explains a two-team head-to-head tie in one sentence per team', () => {
    const explained = explainTies(
      UEFA_GROUP_STAGE.tieBreakers,
      [
        {
          criterion: 'head_to_head_points',
          values: [
            { teamId: 'GER', value: 3 },
            { teamId: 'POR', value: 0 },
          ],
        },
      ],
      [],
      nameOf,
    );
    expect(explained.get('GER')).toMatchObject({
      levelWith: ['POR'],
      explanation: 'Level on points with Portugal; ahead on head-to-head points 3–0.',
    });
    expect(explained.get('POR')!.explanation).toBe('Level on points with Germany; behind on head-to-head points 0–3.');
  });

  it('names every criterion the teams were level on, and shows negative values with "to"', () => {
    const explained = explainTies(
      FIFA_WORLD_CUP_2018.tieBreakers,
      [
        {
          criterion: 'fair_play',
          values: [
            { teamId: 'JPN', value: -4 },
            { teamId: 'SEN', value: -6 },
          ],
        },
      ],
      [],
      nameOf,
    );
    expect(explained.get('JPN')!.explanation).toBe(
      'Level on points, goal difference, goals scored, head-to-head points, head-to-head goal difference and ' +
        'head-to-head goals with SEN; ahead on fair-play points -4 to -6.',
    );
  });

  it('places each of three teams against the others, with signed goal differences', () => {
    const explained = explainTies(
      UEFA_GROUP_STAGE.tieBreakers,
      [
        {
          criterion: 'head_to_head_goal_difference',
          values: [
            { teamId: 'SWE', value: 2 },
            { teamId: 'DEN', value: -1 },
            { teamId: 'ITA', value: -1 },
          ],
        },
        {
          criterion: 'drawing_of_lots',
          values: [
            { teamId: 'ITA', value: 1 },
            { teamId: 'DEN', value: 2 },
          ],
        },
      ],
      [],
      nameOf,
    );
    expect(explained.get('SWE')!.explanation).toBe(
      'Level on points and head-to-head points with Denmark and Italy; on head-to-head goal difference +2: ' +
        'ahead of Denmark (-1) and Italy (-1).',
    );
    expect(explained.get('DEN')!.explanation).toBe(
      'Level on points and head-to-head points with Sweden and Italy; on head-to-head goal difference -1: ' +
        'behind Sweden (+2), level with Italy (-1); placed 2 of 2 by drawing of lots.',
    );
  });

  it('says when the organizer still has to draw lots', () => {
    const explained = explainTies(UEFA_GROUP_STAGE.tieBreakers, [], [['DEN', 'ITA']], nameOf);
    expect(explained.get('ITA')).toEqual({
      levelWith: ['DEN'],
      steps: [],
      explanation: 'Level on every criterion with Denmark: the organizer draws lots.',
    });
  });

  it('explains nothing for a table that points alone decided', () => {
    expect(explainTies(UEFA_GROUP_STAGE.tieBreakers, [], [], nameOf).size).toBe(0);
  });
});
