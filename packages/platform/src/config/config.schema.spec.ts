import { z } from 'zod';
import { ConfigValidationError, loadConfig, optionalCommaListSchema, portListSchema } from './config.schema';

const schema = z.object({ CIDRS: optionalCommaListSchema(), PORTS: portListSchema('80,443') });

describe('list variables', () => {
  it('reads an unset list as none and the ports as their fallback', () => {
    expect(loadConfig(schema, {})).toEqual({ CIDRS: [], PORTS: [80, 443] });
  });

  it('trims items and drops empty ones; parses ports', () => {
    expect(loadConfig(schema, { CIDRS: ' 127.0.0.1/32, ,10.0.0.0/8 ', PORTS: '8080, 443' })).toEqual({
      CIDRS: ['127.0.0.1/32', '10.0.0.0/8'],
      PORTS: [8080, 443],
    });
  });

  it.each(['0', '65536', 'http', '80,', '80.5'])('refuses %j as a port list, naming the variable', (ports) => {
    expect(() => loadConfig(schema, { PORTS: ports })).toThrow(ConfigValidationError);
    expect(() => loadConfig(schema, { PORTS: ports })).toThrow(/PORTS: a comma-separated list of ports/);
  });
});
