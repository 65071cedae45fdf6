import { testRunId, uniqueName } from './run';
import { serverUrls } from './servers';

function managementRequest(path: string, method: 'PUT' | 'DELETE' | 'GET'): Promise<Response> {
  const base = new URL(serverUrls.rabbitmqManagement);
  const auth = Buffer.from(`${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}`).toString(
    'base64',
  );
  base.username = '';
  base.password = '';
  return fetch(new URL(path, base), {
    method,
    headers: { authorization: `Basic ${auth}`, 'content-type': 'application/json' },
    body: method === 'PUT' ? '{}' : undefined,
  });
}

export interface TestVhost {
  name: string;
  /** amqp URL of the vhost, for the code under test. */
  url: string;
  drop(): Promise<void>;
}

/** A throw-away RabbitMQ virtual host, so parallel test files never share exchanges or queues. */
export async function createTestVhost(prefix = 'vh'): Promise<TestVhost> {
  const name = uniqueName(prefix);
  const created = await managementRequest(`/api/vhosts/${encodeURIComponent(name)}`, 'PUT');
  if (!created.ok) throw new Error(`cannot create RabbitMQ vhost ${name}: ${created.status}`);
  const url = new URL(serverUrls.rabbitmq);
  url.pathname = `/${encodeURIComponent(name)}`;
  return { name, url: url.toString(), drop: () => dropVhost(name) };
}

export async function dropVhost(name: string): Promise<void> {
  await managementRequest(`/api/vhosts/${encodeURIComponent(name)}`, 'DELETE');
}

export async function dropRunVhosts(runId = testRunId()): Promise<void> {
  const response = await managementRequest('/api/vhosts', 'GET');
  if (!response.ok) return;
  const vhosts = (await response.json()) as { name: string }[];
  await Promise.all(vhosts.filter((v) => v.name.includes(runId.toLowerCase())).map((v) => dropVhost(v.name)));
}

/** The management API's view of a queue (message counts), for assertions. */
export async function queueInfo(vhost: string, queue: string): Promise<{ messages: number; consumers: number }> {
  const response = await managementRequest(
    `/api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}`,
    'GET',
  );
  if (!response.ok) throw new Error(`queue ${queue} not found in ${vhost}: ${response.status}`);
  return (await response.json()) as { messages: number; consumers: number };
}
