import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { buildAsyncApiDocument } from './asyncapi';

/** `npm run asyncapi -w @prodvor/contracts` regenerates asyncapi.yaml from the zod schemas. */
export function renderAsyncApi(): string {
  return stringify(buildAsyncApiDocument(), { lineWidth: 0, aliasDuplicateObjects: false });
}

if (require.main === module) {
  writeFileSync(join(__dirname, '..', 'asyncapi.yaml'), renderAsyncApi());
  console.log('wrote asyncapi.yaml');
}
