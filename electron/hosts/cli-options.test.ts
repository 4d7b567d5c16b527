import { describe, expect, it } from 'vitest';
import { DEFAULT_PORT, parsePort } from './cli-options';

describe('parsePort', () => {
  it('defaults to 5178', () => {
    expect(parsePort([], {})).toBe(DEFAULT_PORT);
    expect(DEFAULT_PORT).toBe(5178);
  });

  it('reads ETAL_PORT, and --port wins over it', () => {
    expect(parsePort([], { ETAL_PORT: '8080' })).toBe(8080);
    expect(parsePort(['--port', '9000'], { ETAL_PORT: '8080' })).toBe(9000);
    expect(parsePort(['--port=9001'], {})).toBe(9001);
  });

  it('accepts 0 (a free port)', () => {
    expect(parsePort(['--port', '0'], {})).toBe(0);
  });

  it.each([['--port', 'abc'], ['--port'], ['--port=70000'], ['--port=-1'], ['--port=80.5']])('refuses %j', (...argv) => {
    expect(parsePort(argv, {})).toBeNull();
  });
});
