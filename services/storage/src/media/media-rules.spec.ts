import { mediaPurpose, publicImageVariants } from '@prodvor/contracts';
import { MEDIA_RULES } from './media-rules';

describe('media rules', () => {
  it('gives public links to exactly the variants the contract names (read models build links from it)', () => {
    const publicPurposes = mediaPurpose.options.filter((purpose) => MEDIA_RULES[purpose].publicVariants);
    expect(publicPurposes.sort()).toEqual(Object.keys(publicImageVariants).sort());
    for (const purpose of publicPurposes) {
      const names = MEDIA_RULES[purpose].variants.map((v) => v.name);
      expect(names).toEqual([...publicImageVariants[purpose as keyof typeof publicImageVariants]]);
    }
  });
});
