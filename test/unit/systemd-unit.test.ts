import { describe, expect, it } from 'vitest';
import { parseEnvFile, renderEnvFile, renderUnit } from '../../cli/systemd-unit.js';

describe('renderEnvFile', () => {
  it.each([
    [['BERTH_NATS', 'nats://10.0.0.5:4222'], 'BERTH_NATS=nats://10.0.0.5:4222'],
    [['BERTH_LABELS', 'region=eu,disk=ssd'], 'BERTH_LABELS=region=eu,disk=ssd'],
    [['BERTH_TRAEFIK_TOKEN', 'a b'], 'BERTH_TRAEFIK_TOKEN="a b"'],
    [['BERTH_TRAEFIK_TOKEN', 'say "hi" \\ there'], 'BERTH_TRAEFIK_TOKEN="say \\"hi\\" \\\\ there"'],
    [['BERTH_PUBLIC_URL', ''], 'BERTH_PUBLIC_URL='],
  ] as Array<[[string, string], string]>)('%j → %s', (pair, line) => {
    expect(renderEnvFile('agent', [pair]).split('\n')[1]).toBe(line);
  });

  it('refuses a line break, which would start a new variable', () => {
    expect(() => renderEnvFile('agent', [['BERTH_ID', 'a\nBERTH_NATS=evil']])).toThrow(/cannot hold a line break/);
  });
});

describe('renderUnit', () => {
  it('quotes an ExecStart path with a space', () => {
    const unit = renderUnit({
      daemon: 'agent',
      nodePath: '/opt/node 20/bin/node',
      cliPath: '/opt/berth/dist/cli/main.js',
      envFile: '/etc/berth/agent.env',
      readmePath: '/opt/berth/README.md',
    });
    expect(unit).toContain('ExecStart="/opt/node 20/bin/node" /opt/berth/dist/cli/main.js agent');
    expect(unit).toContain('After=network-online.target docker.service');
  });
});

describe('the env files install writes, read back by uninstall', () => {
  it('reads plain and quoted values as systemd does', () => {
    expect(parseEnvFile('# Berth\nBERTH_AGENT_ID=web-1\nBERTH_TRAEFIK_TOKEN="traefik secret \\"x\\""\nnot a line\n')).toEqual({
      BERTH_AGENT_ID: 'web-1',
      BERTH_TRAEFIK_TOKEN: 'traefik secret "x"',
    });
  });

  it('renderEnvFile and parseEnvFile agree', () => {
    const values: Array<[string, string]> = [
      ['BERTH_AGENT_ID', 'web-1'],
      ['BERTH_LABELS', 'region=eu,disk=ssd'],
      ['BERTH_TOKEN', 'a "quoted" value with spaces'],
    ];
    expect(parseEnvFile(renderEnvFile('agent', values))).toMatchObject(Object.fromEntries(values));
  });
});
