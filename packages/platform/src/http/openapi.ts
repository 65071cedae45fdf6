import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { readFile, writeFile } from 'node:fs/promises';

const serviceNames = new WeakMap<INestApplication, string>();

export function rememberServiceName(app: INestApplication, serviceName: string): void {
  serviceNames.set(app, serviceName);
}

/** The service's OpenAPI document, generated from its controllers and DTOs. */
export function openApiDocument(
  app: INestApplication,
  serviceName = serviceNames.get(app) ?? 'service',
): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(`ProDvor ${serviceName} service`)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  return SwaggerModule.createDocument(app, config);
}

function serialise(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/**
 * For the checked-in `openapi.json` test of each service:
 *   const { generated, checkedIn } = await checkOpenApiDocument(app, join(__dirname, '../openapi.json'));
 *   expect(checkedIn).toEqual(generated);
 * With `UPDATE_OPENAPI=1` the file is (re)written first, so the comparison passes and the diff shows in review.
 */
export async function checkOpenApiDocument(
  app: INestApplication,
  filePath: string,
): Promise<{ generated: unknown; checkedIn: unknown }> {
  const text = serialise(openApiDocument(app));
  if (process.env.UPDATE_OPENAPI === '1') await writeFile(filePath, text);
  const checkedIn: unknown = await readFile(filePath, 'utf8').then(
    (content) => JSON.parse(content) as unknown,
    () => undefined,
  );
  return { generated: JSON.parse(text) as unknown, checkedIn };
}
