/** The --allow-remote-callbacks flag and its WXMOCK_ALLOW_REMOTE_CALLBACKS variable, as the CLI parses them. */
import { describe, expect, it } from 'vitest';
import { parseCliOptions, UsageError, USAGE } from '../../mock/cli/parse-cli-options.js';

describe('the CLI flag', () => {
  it('--allow-remote-callbacks and WXMOCK_ALLOW_REMOTE_CALLBACKS turn remote callbacks on; default off', () => {
    expect(parseCliOptions([], {}).allowRemoteCallbacks).toBe(false);
    expect(parseCliOptions(['--allow-remote-callbacks'], {}).allowRemoteCallbacks).toBe(true);
    expect(parseCliOptions([], { WXMOCK_ALLOW_REMOTE_CALLBACKS: '1' }).allowRemoteCallbacks).toBe(true);
    expect(parseCliOptions([], { WXMOCK_ALLOW_REMOTE_CALLBACKS: 'false' }).allowRemoteCallbacks).toBe(false);
    expect(() => parseCliOptions([], { WXMOCK_ALLOW_REMOTE_CALLBACKS: 'maybe' })).toThrow(UsageError);
    expect(USAGE).toContain('--allow-remote-callbacks');
  });
});
