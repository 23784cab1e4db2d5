/** `recurrent <command> --help` once failed with "Unknown option '--help'" for every command. */
import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES } from '../../src-main/cli/main';
import { COMMAND_HELP } from '../../src-main/cli/help';
import { cli } from './run-cli';

describe('recurrent <command> --help', () => {
  it('every command has its own help', () => {
    expect(Object.keys(COMMAND_HELP).sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it.each(COMMAND_NAMES)('%s --help prints that command’s usage and exits 0', async (command) => {
    for (const flag of ['--help', '-h']) {
      const r = await cli(command, flag);
      expect(r.code).toBe(0);
      expect(r.err).toBe('');
      expect(r.out).toContain(`recurrent ${command} `);
      // Only this command: no other command's usage line.
      for (const other of COMMAND_NAMES.filter((c) => c !== command)) {
        expect(r.out).not.toMatch(new RegExp(`^  recurrent ${other} `, 'm'));
      }
    }
  });

  it('--help wins over other (even missing) options', async () => {
    const r = await cli('train', '--spec', 'nowhere.json', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('recurrent train --spec SPEC.json');
  });

  it('the overall help lists every command and mentions per-command help', async () => {
    const r = await cli('--help');
    for (const command of COMMAND_NAMES) expect(r.out).toContain(`recurrent ${command}`);
    expect(r.out).toContain('<command> --help');
  });
});
