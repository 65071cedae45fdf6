import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const repoRoot = join(__dirname, '../../../..');

export interface EngineHomes {
  keycloakHome: string;
  kafkaHome: string;
}

/**
 * Where infra/engines/fetch.sh unpacked Keycloak and the Kafka jars (it fetches them from Maven
 * Central the first time, then answers offline at once).
 */
export function engineHomes(): EngineHomes {
  const dir = execFileSync('bash', [join(repoRoot, 'infra/engines/fetch.sh')], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop()!;
  const vars = Object.fromEntries(
    readFileSync(join(dir, 'engines.env'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('=', 2) as [string, string]),
  );
  return { keycloakHome: vars.KEYCLOAK_HOME, kafkaHome: vars.KAFKA_HOME };
}

/** A JDK for the engines: JAVA_HOME when set, else the machine's default `java`. */
export function javaCommand(): string {
  return process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java';
}
